import { JsonInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { PolicyDecisionTrigger } from '../../gql/graphql';
import { enumText } from '../../format/words';
import { JSON_PROBLEM, parseJsonObject } from '../../ui/json';
import type { RuleTestTarget } from './rule-test';

const ACTIONS = Object.values(PolicyDecisionTrigger).map((value) => ({ value, label: enumText(value) }));

/** Where the live rule tests run: an existing agent of the tenant, or sample JSON; and which change they see. */
export function TestTargetPanel({
  value,
  onChange,
  agents,
}: {
  value: RuleTestTarget;
  onChange: (value: RuleTestTarget) => void;
  agents: { id: string; name: string; status: string }[];
}) {
  const set = (patch: Partial<RuleTestTarget>) => onChange({ ...value, ...patch });
  const sampleProblem = value.kind === 'sample' ? parseJsonObject(value.sample).error : null;
  return (
    <Paper withBorder p="md" radius="md" bg="var(--mantine-color-default-hover)" data-testid="rule-test-target">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          Live test
        </Text>
        <Text size="xs" c="dimmed">
          Each condition is compiled as you type and tried on this target. Nothing is recorded.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              Try it on
            </Text>
            <SegmentedControl
              aria-label="Test target"
              data={[
                { value: 'agent', label: 'An agent' },
                { value: 'sample', label: 'Sample JSON' },
              ]}
              value={value.kind}
              onChange={(kind) => set({ kind: kind as RuleTestTarget['kind'] })}
            />
          </Stack>
          {value.kind === 'agent' ? (
            <Select
              label="Agent"
              placeholder="Choose an agent"
              data={agents.map((a) => ({ value: a.id, label: `${a.name} (${a.status})` }))}
              value={value.agentId}
              onChange={(agentId) => set({ agentId })}
              searchable
              clearable
            />
          ) : (
            <div />
          )}
          <Select
            label="As the change"
            description="What change.action is"
            data={ACTIONS}
            value={value.action}
            onChange={(action) => set({ action: (action as PolicyDecisionTrigger) ?? PolicyDecisionTrigger.Update })}
            allowDeselect={false}
          />
        </SimpleGrid>
        {value.kind === 'sample' ? (
          <JsonInput
            validationError={JSON_PROBLEM}
            label="Sample agent"
            description="Stands in for agent; the rule sees it as the agent after the change"
            autosize
            minRows={4}
            maxRows={8}
            value={value.sample}
            onChange={(sample) => set({ sample })}
            error={sampleProblem}
            styles={{ input: { fontSize: 'var(--mantine-font-size-xs)' } }}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}
