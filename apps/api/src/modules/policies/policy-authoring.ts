import type { TenantScope } from '../../scope';
import { MAX_PAGE_SIZE } from '../../graphql/connection';
import { StewardError } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { JSON_INPUT_LIMIT } from '../../graphql/json-input';
import { loader } from '../../graphql/loader';
import { aiModelById } from '../ai-models';
import { agentSnapshot, findAgent } from '../agents';
import { recentAgentMetrics } from '../metrics';
import { compile, evaluate } from './cel';
import { cleanRules, resolveScope, ruleProblems } from './policy-conditions';
import { PolicyDecisionResult } from './policy-decision.entity';
import { toEvaluate } from './policy-enforcement';
import { evaluatePolicies, PolicyToEvaluate, standingInput } from './policy-evaluation';
import { PolicyEnforcement, PolicySeverity } from './policy-finding.type';
import { agentBatch } from './policy-scope';
import type { StoredScope } from './policy-version.entity';
import { PolicyDryRunInput, PolicyRuleTestInput } from './policy.inputs';
import { listedAgentIdsByPolicy } from './policy.loaders';
import { PolicyDryRunAgent, PolicyDryRunResult, PolicyRuleTestResult } from './policy.payloads';
import { findPolicy } from './policy.service';
import { waivedRules } from './policy-reevaluation';

const DRY_RUN_BATCH = 500;

export async function testRule(ctx: TenantScope, input: PolicyRuleTestInput): Promise<PolicyRuleTestResult> {
  if (input.agentId && input.sample) throw StewardError.badInput('input.sample', 'Pass either agentId or sample, not both');
  if (input.sample && JSON.stringify(input.sample).length > JSON_INPUT_LIMIT)
    throw StewardError.badInput('input.sample', `sample must be at most ${JSON_INPUT_LIMIT} characters of JSON`);
  const compiled = compile(input.condition);
  if (!compiled.ok) return { valid: false, result: null, outcome: null, error: { message: compiled.message, position: compiled.position } };
  let agent = input.sample ?? null;
  if (input.agentId) {
    const found = await findAgent(ctx, expectGlobalId(input.agentId, 'Agent', 'input.agentId'));
    const metrics = (await recentAgentMetrics(ctx, [found.uuid])).get(found.uuid);
    agent = { ...agentSnapshot(found, found.modelId ? await loader(ctx, aiModelById).load(found.modelId) : null), metrics };
  }
  if (!agent) return { valid: true, result: null, outcome: null, error: null };
  const evaluated = evaluate(compiled.program, standingInput(agent, input.action));
  if (!evaluated.ok)
    return { valid: true, result: null, outcome: PolicyDecisionResult.ERROR, error: { message: evaluated.message, position: evaluated.position } };
  return { valid: true, result: evaluated.value, outcome: evaluated.value ? PolicyDecisionResult.VIOLATION : PolicyDecisionResult.PASS, error: null };
}

async function dryRunSubject(ctx: TenantScope, input: PolicyDryRunInput): Promise<{ policy: PolicyToEvaluate; scope: StoredScope }> {
  if (Boolean(input.policyId) === Boolean(input.draft)) throw StewardError.badInput('input', 'Pass either policyId or draft');
  if (input.policyId) {
    const saved = await findPolicy(ctx, expectGlobalId(input.policyId, 'Policy', 'input.policyId'));
    const agentIds = await loader(ctx, listedAgentIdsByPolicy).load(saved.uuid);
    return { policy: toEvaluate(saved), scope: { kind: saved.scopeKind, tags: saved.scopeTags, agentIds } };
  }
  const draft = input.draft!;
  const [problem] = ruleProblems(draft.rules, ['input', 'draft']);
  if (problem) throw StewardError.badInput(problem.field!.join('.'), problem.message);
  const scope = await resolveScope(ctx, draft.scope, ['input', 'draft']);
  if (Array.isArray(scope)) throw StewardError.badInput(scope[0].field!.join('.'), scope[0].message);
  return {
    policy: { id: null, name: 'draft', version: 0, severity: PolicySeverity.LOW, enforcement: PolicyEnforcement.AUDIT, rules: cleanRules(draft.rules) },
    scope,
  };
}

/** Judges every agent in scope in the request's transaction and records nothing. */
export async function dryRun(ctx: TenantScope, input: PolicyDryRunInput): Promise<PolicyDryRunResult> {
  if (input.limit < 0 || input.limit > MAX_PAGE_SIZE) throw StewardError.badInput('input.limit', `limit must be between 0 and ${MAX_PAGE_SIZE}`);
  const { policy, scope } = await dryRunSubject(ctx, input);
  const result: PolicyDryRunResult = { evaluatedCount: 0, flaggedCount: 0, erroredCount: 0, agents: [] };
  let after: string | null = null;
  for (;;) {
    const { agents, models } = await agentBatch(ctx, scope, after, DRY_RUN_BATCH);
    const waived = policy.id
      ? await waivedRules(
          ctx,
          policy.id,
          agents.map((a) => a.uuid),
        )
      : new Set<string>();
    const metrics = await recentAgentMetrics(
      ctx,
      agents.map((a) => a.uuid),
    );
    for (const agent of agents) {
      const outcomes = evaluatePolicies(
        [policy],
        standingInput({ ...agentSnapshot(agent, agent.modelId ? (models.get(agent.modelId) ?? null) : null), metrics: metrics.get(agent.uuid) }, input.action),
      );
      const entry: PolicyDryRunAgent = { agent, violatedRules: [], erroredRules: [] };
      for (const o of outcomes) {
        if (o.result === PolicyDecisionResult.VIOLATION && !waived.has(`${agent.uuid}|${o.rule.name}`))
          entry.violatedRules.push({ ruleName: o.rule.name, message: o.rule.message });
        if (o.result === PolicyDecisionResult.ERROR) entry.erroredRules.push({ ruleName: o.rule.name, message: o.error ?? 'evaluation failed' });
      }
      result.evaluatedCount += 1;
      if (entry.violatedRules.length) result.flaggedCount += 1;
      if (entry.erroredRules.length) result.erroredCount += 1;
      if ((entry.violatedRules.length || entry.erroredRules.length) && result.agents.length < input.limit) result.agents.push(entry);
    }
    if (agents.length < DRY_RUN_BATCH) return result;
    after = agents[agents.length - 1].uuid;
  }
}
