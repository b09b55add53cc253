import { useQuery } from '@apollo/client/react';
import { useDebouncedValue } from '@mantine/hooks';
import { PolicyDecisionTrigger, type PolicyRuleTestInput } from '../../gql/graphql';
import { parseJsonObject } from '../../ui/json';
import { PolicyRuleTestQuery } from './policy.operations';

/** What the author's conditions are tried on: an existing agent, or sample JSON standing in for `agent`. */
export interface RuleTestTarget {
  kind: 'agent' | 'sample';
  agentId: string | null;
  sample: string;
  action: PolicyDecisionTrigger;
}

export const RULE_TEST_DEBOUNCE_MS = 400;

export const SAMPLE_AGENT = JSON.stringify(
  {
    name: 'Sample agent',
    description: 'Drafts infrastructure changes',
    role: 'engineering',
    modelTier: 'opus',
    thinkingMode: 'high',
    status: 'draft',
    runtimeState: 'provisioning',
    costPerRequest: 0.12,
    totalRequests: 0,
    tags: ['infrastructure'],
    capabilities: ['write terraform'],
    limitations: [],
    complianceStatus: 'compliant',
    configuration: { maxTokens: 4096 },
    toolPolicy: { allow: ['search'], deny: ['shell'] },
    model: { name: 'Claude Opus', provider: 'anthropic', version: '4.1', type: 'llm', status: 'deployed' },
  },
  null,
  2,
);

export const defaultTarget: RuleTestTarget = { kind: 'sample', agentId: null, sample: SAMPLE_AGENT, action: PolicyDecisionTrigger.Update };

/** The input policyRuleTest gets: only the keys that apply, so equal tests are equal requests. */
export function ruleTestInput(condition: string, target: RuleTestTarget): PolicyRuleTestInput | null {
  if (!condition.trim()) return null;
  const input: PolicyRuleTestInput = { condition, action: target.action };
  if (target.kind === 'agent' && target.agentId) input.agentId = target.agentId;
  if (target.kind === 'sample') {
    const sample = parseJsonObject(target.sample);
    if (sample.error) return null;
    if (sample.value) input.sample = sample.value;
  }
  return input;
}

/**
 * Tests a condition as the author types: debounced, so a pause sends one request; the last answer
 * stays on screen, marked as checking, until the next arrives.
 */
export function useRuleTest(condition: string, target: RuleTestTarget) {
  const input = ruleTestInput(condition, target);
  const key = JSON.stringify(input);
  const [debouncedKey] = useDebouncedValue(key, RULE_TEST_DEBOUNCE_MS);
  const debounced = JSON.parse(debouncedKey) as PolicyRuleTestInput | null;
  const { data, previousData, loading, error } = useQuery(PolicyRuleTestQuery, {
    variables: { input: debounced ?? { condition: '' } },
    skip: !debounced,
    fetchPolicy: 'network-only',
    errorPolicy: 'all',
  });
  const result = input ? ((data ?? previousData)?.policyRuleTest ?? null) : null;
  return { input, result, checking: Boolean(input) && (loading || key !== debouncedKey), error: input ? error : undefined };
}
