import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { type FragmentType, getFragmentData, graphql } from '../../gql';
import { AuditOutcome } from '../../gql/graphql';
import { When } from '../../ui/When';
import { enumText } from '../../format/words';

export const OverviewAuditEntry = graphql(`
  fragment OverviewAuditEntry on AuditEntry {
    id
    action
    outcome
    actorLabel
    entityType
    entityName
    createdAt
  }
`);

const OUTCOME_COLOR: Record<AuditOutcome, string> = { [AuditOutcome.Success]: 'teal', [AuditOutcome.Failure]: 'orange', [AuditOutcome.Denied]: 'red' };

/** The latest entries of the audit log: who did what, and whether it went through. */
export function RecentActivity({ entries: refs }: { entries: readonly FragmentType<typeof OverviewAuditEntry>[] }) {
  const entries = getFragmentData(OverviewAuditEntry, refs);
  return (
    <Card withBorder padding="md" component="section" aria-label="Recent audit activity" data-testid="recent-activity">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Recent audit activity
        </Title>
        <Anchor component={Link} to="/audit" size="sm">
          Audit log
        </Anchor>
      </Group>
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing recorded yet.
        </Text>
      ) : (
        <Stack gap="xs">
          {entries.map((e) => (
            <Group key={e.id} justify="space-between" wrap="nowrap" gap="xs">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" ff="monospace" lineClamp={1}>
                  {e.action}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {e.actorLabel ?? 'system'}
                  {e.entityName ? ` · ${e.entityName}` : ''} · <When at={e.createdAt} />
                </Text>
              </Stack>
              <Badge size="sm" variant="light" color={OUTCOME_COLOR[e.outcome]}>
                {enumText(e.outcome)}
              </Badge>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}
