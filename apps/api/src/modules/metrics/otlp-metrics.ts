import { agentUuidOf } from './metric-ingestion.service';
import type { MetricPointInput } from './metric.inputs';

/**
 * OTLP/HTTP JSON metrics (opentelemetry-proto, `ExportMetricsServiceRequest` in the protobuf JSON
 * encoding: lowerCamelCase field names, 64-bit integers as decimal strings or numbers, enums as
 * numbers or their names) mapped onto Steward's metric points:
 * - the agent is the resource attribute `steward.agent.id` (an Agent global id or its uuid);
 * - gauges and non-monotonic sums (current levels) give one point per data point, their value;
 * - monotonic sums give their delta per data point, so they must be exported with DELTA temporality
 *   (Steward sums points per interval; a cumulative counter summed per interval would be wrong);
 * - histograms and exponential histograms (DELTA) give their mean, sum / count (none when count is 0);
 * - summaries are refused; data points flagged NO_RECORDED_VALUE are left out;
 * - data point attributes become labels (strings, numbers and booleans as text).
 * Every problem comes back at once (up to 100), each named by its path in the request, e.g.
 * `resourceMetrics[0].scopeMetrics[0].metrics[2].sum.dataPoints[4].asDouble`.
 */
export const OTLP_AGENT_ATTRIBUTE = 'steward.agent.id';
const MAX_PROBLEMS = 100;

/** A problem with one field of the request (google.rpc.BadRequest.FieldViolation). */
export interface FieldViolation {
  field: string;
  description: string;
}

/** Where each of a point's input fields came from in the request. */
export interface PointSource {
  agentId: string;
  name: string;
  value: string;
  at: string;
  labels: string;
}

export interface OtlpPoints {
  points: MetricPointInput[];
  sources: PointSource[];
  problems: FieldViolation[];
}

const TEMPORALITY: Record<string, 'DELTA' | 'CUMULATIVE'> = {
  1: 'DELTA',
  2: 'CUMULATIVE',
  AGGREGATION_TEMPORALITY_DELTA: 'DELTA',
  AGGREGATION_TEMPORALITY_CUMULATIVE: 'CUMULATIVE',
};
const NO_RECORDED_VALUE = 1;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A 64-bit unsigned integer of the JSON encoding (decimal string or number), or null. */
function uint64(value: unknown): bigint | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value === 'string' && /^\d{1,20}$/.test(value)) return BigInt(value);
  return null;
}

/** A double of the JSON encoding: a number, or "NaN" / "Infinity" / "-Infinity" (which Steward refuses). */
function double(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (value === 'NaN') return NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** An attribute's AnyValue as label text; null for arrays, key-value lists, bytes and empty values. */
function attributeText(value: unknown): string | null {
  if (!isObject(value)) return null;
  if (typeof value.stringValue === 'string') return value.stringValue;
  if (typeof value.boolValue === 'boolean') return String(value.boolValue);
  if ('intValue' in value) {
    const n = value.intValue;
    if (typeof n === 'number' && Number.isSafeInteger(n)) return String(n);
    if (typeof n === 'string' && /^-?\d{1,20}$/.test(n)) return n;
    return null;
  }
  if ('doubleValue' in value) {
    const d = double(value.doubleValue);
    return d !== null && Number.isFinite(d) ? String(d) : null;
  }
  return null;
}

/** The request's metric points, where each came from, and every problem found on the way. */
export function pointsFromOtlp(body: unknown): OtlpPoints {
  const points: MetricPointInput[] = [];
  const sources: PointSource[] = [];
  const problems: FieldViolation[] = [];
  const problem = (field: string, description: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push({ field, description });
  };
  const list = (value: unknown, path: string): unknown[] => {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    problem(path, `${path} must be an array`);
    return [];
  };

  if (!isObject(body)) {
    problem('', 'The body must be an ExportMetricsServiceRequest object in the OTLP JSON encoding');
    return { points, sources, problems };
  }
  list(body.resourceMetrics, 'resourceMetrics').forEach((resourceMetrics, r) => {
    const rPath = `resourceMetrics[${r}]`;
    if (!isObject(resourceMetrics)) return problem(rPath, `${rPath} must be a ResourceMetrics object`);
    const attributes = isObject(resourceMetrics.resource) ? list(resourceMetrics.resource.attributes, `${rPath}.resource.attributes`) : [];
    const agentIndex = attributes.findIndex((a) => isObject(a) && a.key === OTLP_AGENT_ATTRIBUTE);
    let agentPath = `${rPath}.resource.attributes`;
    let agentId: string | null = null;
    if (agentIndex < 0) {
      problem(agentPath, `The resource needs the attribute ${OTLP_AGENT_ATTRIBUTE}: the Agent id (global id or uuid) the metrics belong to`);
    } else {
      agentPath = `${rPath}.resource.attributes[${agentIndex}].value.stringValue`;
      const value = (attributes[agentIndex] as Json).value;
      const text = isObject(value) && typeof value.stringValue === 'string' ? value.stringValue.trim() : null;
      if (!text || !agentUuidOf(text)) problem(agentPath, `${OTLP_AGENT_ATTRIBUTE} must be a string holding an Agent id (global id or uuid)`);
      else agentId = text;
    }

    list(resourceMetrics.scopeMetrics, `${rPath}.scopeMetrics`).forEach((scopeMetrics, s) => {
      const sPath = `${rPath}.scopeMetrics[${s}]`;
      if (!isObject(scopeMetrics)) return problem(sPath, `${sPath} must be a ScopeMetrics object`);
      list(scopeMetrics.metrics, `${sPath}.metrics`).forEach((metric, m) => {
        const mPath = `${sPath}.metrics[${m}]`;
        if (!isObject(metric)) return problem(mPath, `${mPath} must be a Metric object`);
        const name = typeof metric.name === 'string' ? metric.name.trim() : '';
        if (!name) return problem(`${mPath}.name`, 'A metric needs a name');
        const kinds = ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'].filter((k) => isObject(metric[k]));
        if (kinds.length !== 1)
          return problem(mPath, `A metric holds exactly one of gauge, sum, histogram, exponentialHistogram or summary; ${name} has ${kinds.length}`);
        const kind = kinds[0];
        const data = metric[kind] as Json;
        if (kind === 'summary') return problem(`${mPath}.summary`, 'Summaries are not accepted: send gauges, sums or histograms');
        if (kind !== 'gauge') {
          const temporality = TEMPORALITY[String(data.aggregationTemporality)];
          const cumulativeAllowed = kind === 'sum' && data.isMonotonic !== true;
          if (!temporality) return problem(`${mPath}.${kind}.aggregationTemporality`, 'aggregationTemporality must be DELTA (1) or CUMULATIVE (2)');
          if (temporality === 'CUMULATIVE' && !cumulativeAllowed)
            return problem(
              `${mPath}.${kind}.aggregationTemporality`,
              `${kind === 'sum' ? 'Monotonic sums' : 'Histograms'} must be exported with DELTA temporality (Steward adds points up per interval); ` +
                'set the exporter to prefer delta, e.g. OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=delta',
            );
        }
        list(data.dataPoints, `${mPath}.${kind}.dataPoints`).forEach((dataPoint, d) => {
          const dPath = `${mPath}.${kind}.dataPoints[${d}]`;
          if (!isObject(dataPoint)) return problem(dPath, `${dPath} must be a data point object`);
          const flags = typeof dataPoint.flags === 'number' ? dataPoint.flags : 0;
          if (flags & NO_RECORDED_VALUE) return;

          const nanos = uint64(dataPoint.timeUnixNano);
          const at = nanos && nanos > 0n ? new Date(Number(nanos / 1_000_000n)) : null;
          if (!at) problem(`${dPath}.timeUnixNano`, 'timeUnixNano must be the time in nanoseconds since the epoch (a decimal string or number)');

          let value: number | null = null;
          let valuePath = `${dPath}.asDouble`;
          if (kind === 'gauge' || kind === 'sum') {
            if ('asDouble' in dataPoint) {
              value = double(dataPoint.asDouble);
              if (value === null) problem(valuePath, 'asDouble must be a number');
            } else if ('asInt' in dataPoint) {
              valuePath = `${dPath}.asInt`;
              const n = dataPoint.asInt;
              value = typeof n === 'number' && Number.isInteger(n) ? n : typeof n === 'string' && /^-?\d{1,20}$/.test(n) ? Number(n) : null;
              if (value === null) problem(valuePath, 'asInt must be an integer (a decimal string or number)');
            } else {
              problem(dPath, 'A number data point needs asDouble or asInt');
            }
          } else {
            const count = uint64(dataPoint.count);
            if (count === null) return problem(`${dPath}.count`, 'count must be a whole number (a decimal string or number)');
            if (count === 0n) return;
            valuePath = `${dPath}.sum`;
            const sum = double(dataPoint.sum);
            if (sum === null) return problem(valuePath, 'A histogram data point with a count needs its sum: Steward records the mean, sum / count');
            value = sum / Number(count);
          }

          const labels: Record<string, string> = {};
          list(dataPoint.attributes, `${dPath}.attributes`).forEach((attribute, a) => {
            const aPath = `${dPath}.attributes[${a}]`;
            if (!isObject(attribute) || typeof attribute.key !== 'string') return problem(aPath, 'An attribute needs a key and a value');
            const text = attributeText(attribute.value);
            if (text === null) return problem(`${aPath}.value`, `Attribute ${attribute.key} must be a string, number or boolean`);
            labels[attribute.key] = text;
          });

          points.push({ agentId: agentId ?? '', name, value: value ?? NaN, at: at ?? new Date(NaN), labels: Object.keys(labels).length ? labels : null });
          sources.push({ agentId: agentPath, name: `${mPath}.name`, value: valuePath, at: `${dPath}.timeUnixNano`, labels: `${dPath}.attributes` });
        });
      });
    });
  });
  return { points, sources, problems };
}

/** A problem of recordMetricPoints (field `points.<n>.<input field>`) at its place in the OTLP request. */
export function otlpFieldOf(field: string | null, sources: readonly PointSource[]): string {
  const match = /^points\.(\d+)\.(agentId|name|value|at|labels)$/.exec(field ?? '');
  if (!match) return field === 'batchKey' ? 'x-steward-batch-key' : (field ?? '');
  const source = sources[Number(match[1])];
  return source ? source[match[2] as keyof PointSource] : (field ?? '');
}
