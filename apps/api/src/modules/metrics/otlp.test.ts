import { JsonMetricsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AggregationTemporality, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { demoApiKeySecret } from '../../db/seed/demo-world';
import { toGlobalId } from '../../graphql/global-id';

const agentUuid = (name: string, tenant = 'acme') => stableUuid(`agent:${tenant}:${name}`);
const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', agentUuid(name, tenant));
const RUNTIME = demoApiKeySecret('acme', 'Agent runtime');
const nanos = (ms: number) => `${BigInt(ms) * 1_000_000n}`;

/** Collects when asked, with delta temporality (what Steward asks exporters for); the exporter sends. */
class DeltaReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
  }
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

/** A hand-written OTLP JSON export, as a collector or an SDK of another language sends it. */
function exportRequest(agent: string | null, metrics: unknown[]) {
  const attributes =
    agent === null ? [{ key: 'service.name', value: { stringValue: 'triage' } }] : [{ key: 'steward.agent.id', value: { stringValue: agent } }];
  return { resourceMetrics: [{ resource: { attributes }, scopeMetrics: [{ scope: { name: 'test' }, metrics }] }] };
}
const gauge = (name: string, value: number, at = Date.now() - 60_000, attributes: unknown[] = []) => ({
  name,
  gauge: { dataPoints: [{ timeUnixNano: nanos(at), asDouble: value, attributes }] },
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${h.url}/v1/metrics`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': RUNTIME, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function violations(response: Response): Promise<string[]> {
  const status = await response.json();
  return (status.details?.[0]?.fieldViolations ?? []).map((v: { field: string }) => v.field);
}

describe('OTLP/HTTP JSON metrics at /v1/metrics', () => {
  it("takes what OpenTelemetry's OTLP/HTTP JSON exporter sends (its own serializer): counters, histograms and gauges become points of the agent, with labels", async () => {
    const reader = new DeltaReader();
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'service.name': 'incident-triage', 'steward.agent.id': agentId('Incident Triage') }),
      readers: [reader],
    });
    const meter = provider.getMeter('otlp-test');
    meter.createCounter('otel.requests').add(7, { model: 'gpt-4o' });
    const latency = meter.createHistogram('otel.response_time', { unit: 'ms' });
    for (const ms of [100, 200, 600]) latency.record(ms);
    meter.createObservableGauge('otel.queue_depth').addCallback((result) => result.observe(12, { queue: 'triage' }));
    const { resourceMetrics, errors } = await reader.collect();
    expect(errors).toEqual([]);
    // The body OpenTelemetry's OTLP/HTTP JSON exporter sends, made by its own serializer.
    const body = new TextDecoder().decode(JsonMetricsSerializer.serializeRequest(resourceMetrics));
    const response = await post(body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({});

    const rows = await h.sql(`SELECT name, value, labels, agent_id FROM metric_points WHERE name LIKE 'otel.%' ORDER BY name`);
    expect(rows).toEqual([
      { name: 'otel.queue_depth', value: 12, labels: { queue: 'triage' }, agent_id: agentUuid('Incident Triage') },
      { name: 'otel.requests', value: 7, labels: { model: 'gpt-4o' }, agent_id: agentUuid('Incident Triage') },
      { name: 'otel.response_time', value: 300, labels: {}, agent_id: agentUuid('Incident Triage') },
    ]);
    const [audit] = await h.sql(`SELECT actor_label, after FROM audit_entries WHERE action = 'metricPoints.record' AND after->>'batchKey' LIKE 'otlp:%'`);
    expect(audit).toMatchObject({ actor_label: 'Agent runtime', after: { points: 3 } });
  });

  it('is idempotent by x-steward-batch-key (else by the body), and a reused key with other content is a 409', async () => {
    const body = exportRequest(agentId('Code Reviewer'), [gauge('otlp.idempotent', 5)]);
    const first = await post(body, { 'x-steward-batch-key': 'otlp-k1' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({});
    expect(first.headers.get('x-steward-batch-outcome')).toBe('RECORDED');
    const again = await post(body, { 'x-steward-batch-key': 'otlp-k1' });
    expect(again.headers.get('x-steward-batch-outcome')).toBe('DUPLICATE');
    const other = await post(exportRequest(agentId('Code Reviewer'), [gauge('otlp.idempotent', 6)]), { 'x-steward-batch-key': 'otlp-k1' });
    expect(other.status).toBe(409);
    expect(await violations(other)).toEqual(['x-steward-batch-key']);
    // Without a key, the same body twice is one batch.
    const keyless = exportRequest(agentId('Code Reviewer'), [gauge('otlp.keyless', 1)]);
    expect((await post(keyless)).headers.get('x-steward-batch-outcome')).toBe('RECORDED');
    expect((await post(keyless)).headers.get('x-steward-batch-outcome')).toBe('DUPLICATE');
    const stored = await h.sql(`SELECT name, value FROM metric_points WHERE name IN ('otlp.idempotent', 'otlp.keyless') ORDER BY name`);
    expect(stored).toEqual([
      { name: 'otlp.idempotent', value: 5 },
      { name: 'otlp.keyless', value: 1 },
    ]);
  });

  it('refuses a bad export whole with a 400 google.rpc.Status naming every bad field by its path, and writes nothing', async () => {
    const m = 'resourceMetrics[0].scopeMetrics[0].metrics';
    const tooManyLabels = Array.from({ length: 11 }, (_, i) => ({ key: `k${i}`, value: { stringValue: 'v' } }));
    const response = await post(
      exportRequest(agentId('Code Reviewer'), [
        gauge('otlp.bad', 1),
        { name: 'otlp.bad', sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ timeUnixNano: nanos(Date.now()), asInt: '3' }] } },
        { name: 'otlp.bad', gauge: { dataPoints: [{ timeUnixNano: 'yesterday', asDouble: 'NaN' }] } },
        { name: 'otlp.bad', summary: { dataPoints: [] } },
        gauge('otlp.bad', 1, Date.now(), [{ key: 'tags', value: { arrayValue: { values: [] } } }]),
        { name: 'otlp.bad', histogram: { aggregationTemporality: 1, dataPoints: [{ timeUnixNano: nanos(Date.now()), count: '2' }] } },
        gauge('Not A Name', 1),
        gauge('otlp.bad', 1, Date.now() + 3_600_000),
        gauge('otlp.bad', 1, Date.now(), tooManyLabels),
      ]),
    );
    expect(response.status).toBe(400);
    const status = await response.clone().json();
    expect(status.code).toBe(3);
    expect(status.message).toMatch(
      /^resourceMetrics\[0\]\.scopeMetrics\[0\]\.metrics\[1\]\.sum\.aggregationTemporality: Monotonic sums must be exported with DELTA/,
    );
    // Shape problems first; the points' own checks (name, time, labels) when the shape is right.
    expect(await violations(response)).toEqual([
      `${m}[1].sum.aggregationTemporality`,
      `${m}[2].gauge.dataPoints[0].timeUnixNano`,
      `${m}[3].summary`,
      `${m}[4].gauge.dataPoints[0].attributes[0].value`,
      `${m}[5].histogram.dataPoints[0].sum`,
    ]);
    const pointChecks = await post(
      exportRequest(agentId('Code Reviewer'), [
        gauge('otlp.bad', 1),
        gauge('Not A Name', 1),
        gauge('otlp.bad', 1, Date.now() + 3_600_000),
        gauge('otlp.bad', 1, Date.now(), tooManyLabels),
      ]),
    );
    expect(pointChecks.status).toBe(400);
    expect(await violations(pointChecks)).toEqual([`${m}[1].name`, `${m}[2].gauge.dataPoints[0].timeUnixNano`, `${m}[3].gauge.dataPoints[0].attributes`]);
    const nan = await post(
      exportRequest(agentId('Code Reviewer'), [{ name: 'otlp.bad', gauge: { dataPoints: [{ timeUnixNano: nanos(Date.now()), asDouble: 'NaN' }] } }]),
    );
    expect(await violations(nan)).toEqual([`${m}[0].gauge.dataPoints[0].asDouble`]);
    const [stored] = await h.sql(`SELECT count(*)::int AS n FROM metric_points WHERE name = 'otlp.bad'`);
    expect(stored.n).toBe(0);
  });

  it('needs the steward.agent.id resource attribute naming an agent of the caller’s tenant', async () => {
    const missing = await post(exportRequest(null, [gauge('otlp.agentless', 1)]));
    expect(missing.status).toBe(400);
    expect(await violations(missing)).toEqual(['resourceMetrics[0].resource.attributes']);
    const malformed = await post(exportRequest('not-an-id', [gauge('otlp.agentless', 1)]));
    expect(await violations(malformed)).toEqual(['resourceMetrics[0].resource.attributes[0].value.stringValue']);
    // Globex's agent, by global id and by uuid: not Acme's.
    for (const foreign of [agentId('Incident Triage', 'globex'), agentUuid('Incident Triage', 'globex')]) {
      const refused = await post(exportRequest(foreign, [gauge('otlp.agentless', 1)]));
      expect(refused.status).toBe(400);
      const status = await refused.json();
      expect(status.details[0].fieldViolations).toEqual([
        { field: 'resourceMetrics[0].resource.attributes[0].value.stringValue', description: 'No such agent in this tenant' },
      ]);
    }
    // A bare uuid of the tenant's own agent is fine.
    expect((await post(exportRequest(agentUuid('Code Reviewer'), [gauge('otlp.by_uuid', 2)]))).status).toBe(200);
    const stored = await h.sql(`SELECT name FROM metric_points WHERE name IN ('otlp.agentless', 'otlp.by_uuid')`);
    expect(stored).toEqual([{ name: 'otlp.by_uuid' }]);
  });

  it('answers 401 without credentials, 403 for roles that do not record metrics, 415 for protobuf, 413 over 5,000 points, 400 for a body that is not JSON', async () => {
    const body = exportRequest(agentId('Code Reviewer'), [gauge('otlp.refused', 1)]);
    expect((await post(body, { 'x-api-key': '' })).status).toBe(401);
    expect((await post(body, { 'x-api-key': 'stw_unknown' })).status).toBe(401);
    expect((await post(body, { 'x-api-key': demoApiKeySecret('acme', 'Billing feed') })).status).toBe(403);
    const viewer = await h.signIn('viewer@acme.test', 'acme');
    const asViewer = await post(body, { 'x-api-key': '', authorization: `Bearer ${viewer.credentials.token}` });
    expect(asViewer.status).toBe(403);
    const proto = await post('\x0a\x00', { 'content-type': 'application/x-protobuf' });
    expect(proto.status).toBe(415);
    expect((await proto.json()).message).toMatch(/OTLP\/HTTP JSON/);
    const many = Array.from({ length: 5001 }, (_, i) => ({ timeUnixNano: nanos(Date.now() - i * 10), asInt: i }));
    const tooMany = await post(exportRequest(agentId('Code Reviewer'), [{ name: 'otlp.refused', gauge: { dataPoints: many } }]));
    expect(tooMany.status).toBe(413);
    expect((await tooMany.json()).message).toMatch(/at most 5000 data points; this one has 5001/);
    const notJson = await post('{"resourceMetrics": [');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ code: 3, message: 'The request body is not valid JSON' });
    const [stored] = await h.sql(`SELECT count(*)::int AS n FROM metric_points WHERE name = 'otlp.refused'`);
    expect(stored.n).toBe(0);
  });

  it('takes the agents.write permission, whether from a system role or a custom one', async () => {
    const admin = await h.signIn('admin@acme.test', 'acme');
    const { customRoles } = await admin.ok(`{ customRoles { id name } }`);
    const keyFor = async (roleName: string) => {
      const role = customRoles.find((r: { name: string }) => r.name === roleName);
      const created = await admin.ok(`mutation($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret userErrors { message } } }`, {
        input: { name: `OTLP ${roleName}`, customRoleId: role.id },
      });
      return created.apiKeyCreate.secret as string;
    };
    const body = exportRequest(agentId('Code Reviewer'), [gauge('otlp.custom_role', 1)]);
    expect((await post(body, { 'x-api-key': await keyFor('Agent operator') })).status).toBe(200);
    const refused = await post(body, { 'x-api-key': await keyFor('HR manager') });
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toMatch(/agents\.write/);
  });
});
