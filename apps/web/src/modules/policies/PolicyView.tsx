import { Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { PolicyDetailQuery, PolicyRowFragment } from '../../gql/graphql';
import { Field } from '../../ui/Field';
import { ConditionEditor } from './ConditionEditor';
import { EnforcementBadge, ENFORCEMENT_HELP, SeverityBadge } from '../../ui/badges';
import { ScopeSummary } from './ScopeSummary';
import { enumText } from '../../format/words';

/** The detail query's policy with its row fragment read (see PolicyDetailPage). */
type Policy = NonNullable<PolicyDetailQuery['policy']> & PolicyRowFragment;

/** The policy as it stands, read-only: what everyone sees first, authors included (they choose Edit to change it). */
export function PolicyView({ policy }: { policy: Policy }) {
  return (
    <Stack>
      <Card withBorder padding="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <Field label="Type">{enumText(policy.type)}</Field>
          <Field label="Category">{policy.category || '—'}</Field>
          <Field label="Severity">
            <SeverityBadge severity={policy.severity} />
          </Field>
          <Field label="Enforcement">
            <Stack gap={2}>
              <EnforcementBadge enforcement={policy.enforcement} />
              <Text size="xs" c="dimmed">
                {ENFORCEMENT_HELP[policy.enforcement]}
              </Text>
            </Stack>
          </Field>
        </SimpleGrid>
        <Stack gap={2} mt="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            Scope
          </Text>
          <ScopeSummary scope={policy.scope} />
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h5" mb="sm">
          Rules
        </Title>
        {policy.rules ? (
          <Stack>
            {policy.rules.map((rule) => (
              <Stack key={rule.name} gap={4} data-testid="policy-rule">
                <Text fw={500} size="sm">
                  {rule.name}
                </Text>
                <ConditionEditor label={`Condition of ${rule.name}`} value={rule.condition} readOnly />
                <Text size="sm" c="dimmed">
                  {rule.message}
                </Text>
              </Stack>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            Your role does not read policy rules.
          </Text>
        )}
      </Card>
    </Stack>
  );
}
