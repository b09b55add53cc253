import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { CelInput, compile, CompileResult, evaluate } from './cel';
import { PolicyDecisionResult, PolicyDecisionTrigger } from './policy-decision.entity';
import type { PolicyEnforcement, PolicySeverity } from './policy-finding.type';
import type { PolicyRule } from './policy.entity';

/** A policy at one version, as evaluation needs it; a draft under test has no id. */
export interface PolicyToEvaluate {
  id: string | null;
  name: string;
  version: number;
  severity: PolicySeverity;
  enforcement: PolicyEnforcement;
  rules: PolicyRule[];
}

export interface RuleOutcome {
  policy: PolicyToEvaluate;
  rule: PolicyRule;
  result: PolicyDecisionResult;
  error: string | null;
  /** An admin's waiver exempts the agent from this rule. */
  waived: boolean;
}

// A saved version never changes, so its compiled rules can be kept.
const programs = new LRUCache<string, CompileResult>({ max: 5000 });

function compiled(policy: PolicyToEvaluate, index: number): CompileResult {
  const condition = policy.rules[index].condition;
  if (!policy.id) return compile(condition);
  const key = `${policy.id}:${policy.version}:${index}`;
  let result = programs.get(key);
  if (!result) {
    result = compile(condition);
    programs.set(key, result);
  }
  return result;
}

/** What the rules see when an agent is judged as it stands, outside any change. */
export function standingInput(snapshot: Record<string, unknown>, action: PolicyDecisionTrigger = PolicyDecisionTrigger.REEVALUATION): CelInput {
  return { agent: snapshot, change: { action, old: action === PolicyDecisionTrigger.CREATE ? null : snapshot, new: snapshot, reason: null } };
}

export function evaluatePolicies(policies: PolicyToEvaluate[], input: CelInput): RuleOutcome[] {
  return policies.flatMap((policy) =>
    policy.rules.map((rule, index) => {
      const program = compiled(policy, index);
      const outcome = program.ok ? evaluate(program.program, input) : program;
      if (!outcome.ok) return { policy, rule, result: PolicyDecisionResult.ERROR, error: outcome.message, waived: false };
      return { policy, rule, result: outcome.value ? PolicyDecisionResult.VIOLATION : PolicyDecisionResult.PASS, error: null, waived: false };
    }),
  );
}

/** JSON with object keys sorted at every level, so equal inputs always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function inputDigest(input: CelInput): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

export function ruleKey(policyId: string | null, ruleName: string): string {
  return `${policyId}\u0000${ruleName}`;
}
