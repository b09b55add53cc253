import { conditionLanguage } from '../policies';

/** What `agent` holds in an alert rule: who the agent is, not its configuration. */
export const ALERT_AGENT_FIELDS = {
  name: 'string',
  tags: 'list<string>',
  status: 'string',
  role: 'string',
  runtimeState: 'string',
  modelTier: 'string',
} as const;

/** What `window` holds: the well-known metrics aggregated over the rule's window (doubles; 0 without points). */
export const WINDOW_FIELDS = {
  requests: 'double',
  errors: 'double',
  errorRate: 'double',
  latencyAvgMs: 'double',
  latencyP95Ms: 'double',
  tokensPrompt: 'double',
  tokensCompletion: 'double',
  uptime: 'double',
} as const;

export type WindowValues = Record<keyof typeof WINDOW_FIELDS, number>;

/** Alert rule conditions compile in the policies' CEL engine, with its limits and refusals, over these variables. */
export const alertRuleLanguage = conditionLanguage({
  agent: ALERT_AGENT_FIELDS,
  window: WINDOW_FIELDS,
  metrics: 'map<string, dyn>',
});

export interface Aggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
  p95: number;
}

/** The window variables from one agent's aggregates by metric name. */
export function windowValues(byName: Map<string, Aggregate>): { window: WindowValues; metrics: Record<string, Record<string, number>> } {
  const sum = (name: string) => byName.get(name)?.sum ?? 0;
  const latency = byName.get('agent.response_time');
  const uptime = byName.get('agent.uptime');
  const requests = sum('agent.requests');
  const errors = sum('agent.errors');
  const metrics: Record<string, Record<string, number>> = {};
  for (const [name, a] of byName) metrics[name] = { count: a.count, sum: a.sum, min: a.min, max: a.max, p95: a.p95, avg: a.count ? a.sum / a.count : 0 };
  return {
    window: {
      requests,
      errors,
      errorRate: requests > 0 ? errors / requests : 0,
      latencyAvgMs: latency?.count ? latency.sum / latency.count : 0,
      latencyP95Ms: latency?.p95 ?? 0,
      tokensPrompt: sum('agent.tokens.prompt'),
      tokensCompletion: sum('agent.tokens.completion'),
      uptime: uptime?.count ? uptime.sum / uptime.count : 0,
    },
    metrics,
  };
}
