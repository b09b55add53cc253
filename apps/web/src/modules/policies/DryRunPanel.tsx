import { useLazyQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Group, List, Select, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { IconEye } from '@tabler/icons-react';
import { Link } from 'react-router';
import { PolicyDecisionTrigger, type PolicyDryRunInput } from '../../gql/graphql';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { AgentStatusBadge, WHOLE } from '../../ui/badges';
import { PolicyDryRunQuery } from './policy.operations';
import { enumText } from '../../format/words';

const ACTIONS = Object.values(PolicyDecisionTrigger).map((value) => ({
  value,
  label: value === PolicyDecisionTrigger.Reevaluation ? 'as they stand' : `on ${enumText(value)}`,
}));

function Count({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Stack gap={0} align="flex-start">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {value}
      </Text>
    </Stack>
  );
}

/**
 * Which agents in scope the policy would flag as they stand, without recording anything. `input`
 * is null while the form cannot be judged (a rule without a name, say): the button then says why.
 */
export function DryRunPanel({ input, blocker }: { input: PolicyDryRunInput | null; blocker: string | null }) {
  const [run, { data, loading, error }] = useLazyQuery(PolicyDryRunQuery, { fetchPolicy: 'network-only', errorPolicy: 'all' });
  // A rule can fire only on some changes (change.action == "deploy"), so the preview can judge agents as if under one.
  const [action, setAction] = useState<PolicyDecisionTrigger>(PolicyDecisionTrigger.Reevaluation);
  const result = data?.policyDryRun;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={560}>
          Judge every agent in scope as it stands, with the rules as they are in this form, and list the ones it would flag. Nothing is saved or recorded.
        </Text>
        <Group align="flex-end" gap="xs">
          <Select
            label="Judge agents"
            data={ACTIONS}
            value={action}
            onChange={(v) => setAction((v as PolicyDecisionTrigger) ?? PolicyDecisionTrigger.Reevaluation)}
            allowDeselect={false}
            w={170}
          />
          <Button
            variant="light"
            leftSection={<IconEye size={16} />}
            loading={loading}
            disabled={!input}
            onClick={() => input && void run({ variables: { input: { ...input, action } } })}
          >
            Preview affected agents
          </Button>
        </Group>
      </Group>
      {blocker ? (
        <Text size="xs" c="dimmed">
          {blocker}
        </Text>
      ) : null}
      {error ? <ProblemAlert error={error} what="a dry run" /> : null}
      {result ? (
        <Stack data-testid="dry-run-result">
          <SimpleGrid cols={3} maw={480}>
            <Count label="Judged" value={result.evaluatedCount} />
            <Count label="Would flag" value={result.flaggedCount} color={result.flaggedCount ? 'red' : 'teal'} />
            <Count label="Could not judge" value={result.erroredCount} color={result.erroredCount ? 'orange' : undefined} />
          </SimpleGrid>
          {result.agents.length ? (
            <Table.ScrollContainer minWidth={640}>
              <Table verticalSpacing="xs" aria-label="Agents the policy would flag">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Agent</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Rules violated</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {result.agents.map((entry) => (
                    <Table.Tr key={entry.agent.id} data-testid="dry-run-agent">
                      <Table.Td>
                        <Anchor component={Link} to={`/agents/${encodeURIComponent(entry.agent.id)}`} size="sm">
                          {entry.agent.name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <AgentStatusBadge status={entry.agent.status} />
                      </Table.Td>
                      <Table.Td>
                        <List size="sm" spacing={2}>
                          {entry.violatedRules.map((r) => (
                            <List.Item key={`v-${r.ruleName}`}>
                              <Text span size="sm" fw={500}>
                                {r.ruleName}
                              </Text>
                              : {r.message}
                            </List.Item>
                          ))}
                          {entry.erroredRules.map((r) => (
                            <List.Item key={`e-${r.ruleName}`}>
                              <Badge styles={WHOLE} size="xs" color="orange" variant="light" mr={4}>
                                error
                              </Badge>
                              <Text span size="sm" fw={500}>
                                {r.ruleName}
                              </Text>
                              : {r.message}
                            </List.Item>
                          ))}
                        </List>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          ) : (
            <Text size="sm" c="teal">
              No agent in scope would be flagged.
            </Text>
          )}
          {result.flaggedCount + result.erroredCount > result.agents.length ? (
            <Text size="xs" c="dimmed">
              Showing the first {result.agents.length} of {result.flaggedCount + result.erroredCount}.
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
