import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { demoApiKeySecret } from '../../db/seed/demo-world';
import { toGlobalId } from '../../graphql/global-id';

const RECORD = `mutation($input: AnalyticsEventsRecordInput!) { analyticsEventsRecord(input: $input) { outcome recordedCount userErrors { field message code } } }`;
const LIST = `query($filter: AnalyticsEventFilter) { analyticsEvents(first: 10, filter: $filter) { nodes { type name agent { name } } } }`;
const COUNTS = `query($filter: AnalyticsEventFilter) { analyticsEventCounts(filter: $filter, interval: DAY) { type count } }`;

const agentId = (name: string, tenant = 'acme') => toGlobalId('Agent', stableUuid(`agent:${tenant}:${name}`));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('analytics events', () => {
  it('records a batch once, lists it with filters and counts it by type, and stays in its tenant', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const input = {
      batchKey: 'events-1',
      events: [
        { type: 'AI_PREDICTION', name: 'test.scored', agentId: agentId('Code Reviewer'), payload: { score: 0.7 } },
        { type: 'AI_PREDICTION', name: 'test.scored', agentId: agentId('Code Reviewer'), payload: { score: 0.2 } },
        { type: 'USER_ACTION', name: 'test.clicked', userId: toGlobalId('User', stableUuid('user:dev@acme.test')) },
      ],
    };
    expect((await runtime.ok(RECORD, { input })).analyticsEventsRecord).toEqual({ outcome: 'RECORDED', recordedCount: 3, userErrors: [] });
    expect((await runtime.ok(RECORD, { input })).analyticsEventsRecord.outcome).toBe('DUPLICATE');
    const analyst = await h.signIn('analyst@acme.test', 'acme');
    const filter = { names: ['test.scored', 'test.clicked'] };
    expect((await analyst.ok(LIST, { filter: { ...filter, types: ['AI_PREDICTION'] } })).analyticsEvents.nodes).toEqual([
      { type: 'AI_PREDICTION', name: 'test.scored', agent: { name: 'Code Reviewer' } },
      { type: 'AI_PREDICTION', name: 'test.scored', agent: { name: 'Code Reviewer' } },
    ]);
    const counts = (await analyst.ok(COUNTS, { filter })).analyticsEventCounts;
    expect(counts.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(3);
    const globex = await h.signIn('admin@globex.test', 'globex');
    expect((await globex.ok(LIST, { filter })).analyticsEvents.nodes).toEqual([]);
  });

  it('refuses payloads over 8 KB and members of other tenants, and hides payloads from compliance officers', async () => {
    const runtime = h.apiKey(demoApiKeySecret('acme', 'Agent runtime'));
    const result = (
      await runtime.ok(RECORD, {
        input: {
          batchKey: 'events-bad',
          events: [
            { type: 'SYSTEM_EVENT', name: 'test.big', payload: { blob: 'x'.repeat(9000) } },
            { type: 'USER_ACTION', name: 'test.who', userId: toGlobalId('User', stableUuid('user:dev@globex.test')) },
          ],
        },
      })
    ).analyticsEventsRecord;
    expect(result.userErrors.map((e: { field: string[] }) => e.field.join('.'))).toEqual(['input.events.0.payload']);
    const foreign = (
      await runtime.ok(RECORD, {
        input: { batchKey: 'events-who', events: [{ type: 'USER_ACTION', name: 'test.who', userId: toGlobalId('User', stableUuid('user:dev@globex.test')) }] },
      })
    ).analyticsEventsRecord;
    expect(foreign.userErrors).toEqual([{ field: ['input', 'events', '0', 'userId'], code: 'BAD_USER_INPUT', message: 'No such member in this tenant' }]);
    const officer = await h.signIn('compliance@acme.test', 'acme');
    const denied = await officer.gql(`query { analyticsEvents(first: 1) { nodes { name payload } } }`);
    expect(denied.data.analyticsEvents.nodes[0].payload).toBeNull();
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
