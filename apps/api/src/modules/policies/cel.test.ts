import { type Agent, agentSnapshot } from '../agents';
import { AGENT_FIELDS, CelInput, compile, evaluate, MAX_EXPRESSION_LENGTH } from './cel';

const agent = {
  name: 'Incident Triage',
  description: '',
  role: 'operations',
  modelTier: 'opus',
  thinkingMode: 'high',
  status: 'deployed',
  runtimeState: 'active',
  costPerRequest: 0.072,
  totalRequests: 9120,
  tags: ['sre', 'production'],
  capabilities: ['page on-call'],
  limitations: [],
  complianceStatus: 'compliant',
  configuration: { maxTokens: 4096, servers: [{ region: 'eu' }] },
  toolPolicy: { deny: ['shell'] },
  model: { name: 'Claude Opus', status: 'deployed' },
};
const input: CelInput = { agent, change: { action: 'update', old: agent, new: agent } };

function run(expression: string) {
  const compiled = compile(expression);
  if (!compiled.ok) throw new Error(`does not compile: ${compiled.message}`);
  return evaluate(compiled.program, input);
}

describe('CEL conditions', () => {
  it('evaluate over the agent and the change', () => {
    expect(run('agent.costPerRequest > 0.05 && agent.modelTier == "opus"')).toEqual({ ok: true, value: true });
    expect(run('agent.totalRequests > 1000 && agent.totalRequests == 9120')).toEqual({ ok: true, value: true });
    expect(run('"production" in agent.tags && agent.tags.exists(t, t.startsWith("sr"))')).toEqual({ ok: true, value: true });
    expect(run('agent.configuration.maxTokens == 4096 && agent.configuration.servers.all(s, s.region == "eu")')).toEqual({ ok: true, value: true });
    expect(run('agent.model != null && agent.model.status != "deployed"')).toEqual({ ok: true, value: false });
    expect(run('change.action == "create" || change.old.name != change.new.name')).toEqual({ ok: true, value: false });
    expect(run('size(agent.limitations) == 0 && has(agent.toolPolicy.deny) && !("shell" in agent.toolPolicy.deny)')).toEqual({ ok: true, value: false });
  });

  it('refuse a syntax error with its line and column', () => {
    expect(compile('agent.costPerRequest >\n  && true')).toEqual({
      ok: false,
      message: expect.stringMatching(/^Line 2, column 3: /),
      position: { offset: 25, line: 2, column: 3 },
    });
  });

  it('refuse ill-typed conditions, unknown fields and variables, and non-boolean results', () => {
    expect(compile('agent.costPerRequest > "cheap"')).toMatchObject({ ok: false, message: 'Line 1, column 1: no such overload: double > string' });
    expect(compile('agent.costPerReqest > 1.0')).toMatchObject({ ok: false, message: 'Line 1, column 7: No such key: costPerReqest' });
    expect(compile('user.admin')).toMatchObject({ ok: false, position: { offset: 0 } });
    expect(compile('agent.costPerRequest * 2.0')).toMatchObject({ ok: false, message: expect.stringMatching(/must be true or false, not double/) });
  });

  it('refuse prototype access, functions outside the allow-list and nested comprehensions', () => {
    for (const expression of [
      'agent.constructor == 1',
      'agent.configuration.constructor == 1',
      'agent.configuration["__proto__"] == 1',
      'agent.toolPolicy.prototype == null',
    ]) {
      expect(compile(expression)).toMatchObject({ ok: false, message: expect.stringMatching(/may not be accessed|No such key/) });
    }
    expect(compile('agent.name.matches("(a+)+$")')).toMatchObject({ ok: false, message: 'Line 1, column 1: .matches() is not available in policy rules' });
    expect(compile('cel.bind(x, agent.name, x == "a")')).toMatchObject({ ok: false, message: expect.stringMatching(/\.bind\(\) is not available/) });
    expect(compile('timestamp("2024-01-01T00:00:00Z") == timestamp("2024-01-01T00:00:00Z")')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/timestamp\(\) is not available/),
    });
    expect(compile('agent.tags.exists(t, agent.capabilities.exists(c, c == t))')).toMatchObject({
      ok: false,
      message: 'Line 1, column 22: exists() may not be nested inside another exists/all/map/filter',
    });
  });

  it('bound the length and nesting of an expression', () => {
    const long = `agent.name == "${'x'.repeat(MAX_EXPRESSION_LENGTH)}"`;
    expect(compile(long)).toMatchObject({ ok: false, message: expect.stringMatching(/at most 2000/) });
    const deep = `${'('.repeat(40)}true${')'.repeat(40)}`;
    expect(compile(deep).ok).toBe(false);
  });

  it('report a runtime failure as an error, not a throw', () => {
    expect(run('agent.configuration.missing == 1')).toEqual({
      ok: false,
      message: 'Line 1, column 21: No such key: missing',
      position: { offset: 20, line: 1, column: 21 },
    });
    expect(run('agent.configuration.maxTokens / 0 == 1')).toMatchObject({ ok: false });
    expect(run('agent.configuration.maxTokens')).toMatchObject({ ok: false, message: expect.stringMatching(/not true or false/) });
  });

  it('declare every field of the agent snapshot, and the recent metrics evaluation adds to it', () => {
    const snapshot = agentSnapshot({ costPerRequest: '0', totalRequests: '0' } as Agent, null);
    expect(Object.keys(AGENT_FIELDS).sort()).toEqual([...Object.keys(snapshot), 'metrics'].sort());
  });
});
