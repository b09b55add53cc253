import { useQuery } from '@apollo/client/react';
import { Accordion, Badge, Code, Group, Stack, Text } from '@mantine/core';
import { graphql } from '../../gql';
import { formatDateTime } from '../../ui/dates';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { EnforcementBadge, SeverityBadge } from '../../ui/badges';
import { ScopeSummary } from './ScopeSummary';
import { enumText } from '../../format/words';

export const PolicyVersionsQuery = graphql(`
  query PolicyVersions($id: ID!, $first: Int!, $after: String) {
    policy(id: $id) {
      id
      versions(first: $first, after: $after) {
        totalCount
        edges {
          cursor
          node {
            version
            name
            description
            type
            category
            severity
            enforcement
            createdAt
            createdBy {
              id
              fullName
            }
            scope {
              kind
              tags
              agents {
                id
                name
              }
            }
            rules {
              name
              condition
              message
            }
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

/** Every saved version, newest first; decisions and violations name the version they applied. */
export function VersionsPanel({ policyId, current }: { policyId: string; current: number }) {
  const { data, loading, error, refetch, fetchMore } = useQuery(PolicyVersionsQuery, { variables: { id: policyId, first: 20 }, errorPolicy: 'all' });
  const connection = data?.policy?.versions;
  const versions = connection?.edges.map((e) => e.node) ?? [];
  return (
    <ListState
      loading={loading && !connection}
      error={error}
      empty={connection != null && versions.length === 0}
      emptyTitle="No versions"
      what="policy versions"
      onRetry={() => void refetch()}
    >
      <Accordion variant="separated" defaultValue={String(current)}>
        {versions.map((v) => (
          <Accordion.Item key={v.version} value={String(v.version)} data-testid="policy-version">
            <Accordion.Control>
              <Group gap="sm" wrap="wrap">
                <Badge variant={v.version === current ? 'filled' : 'light'}>v{v.version}</Badge>
                <Text size="sm" fw={500}>
                  {v.name}
                </Text>
                <SeverityBadge severity={v.severity} size="sm" />
                <EnforcementBadge enforcement={v.enforcement} size="sm" />
                <Text size="xs" c="dimmed">
                  {formatDateTime(v.createdAt)}
                  {v.createdBy ? ` by ${v.createdBy.fullName}` : ''}
                </Text>
              </Group>
            </Accordion.Control>
            <Accordion.Panel>
              <Stack gap="xs">
                {v.description ? <Text size="sm">{v.description}</Text> : null}
                <Text size="sm">
                  <Text span c="dimmed" size="sm">
                    Type and category:
                  </Text>{' '}
                  {enumText(v.type)}
                  {v.category ? ` · ${v.category}` : ''}
                </Text>
                <ScopeSummary scope={v.scope} />
                {v.rules.map((r) => (
                  <Stack key={r.name} gap={2}>
                    <Text size="sm" fw={500}>
                      {r.name}
                    </Text>
                    <Code block>{r.condition}</Code>
                    <Text size="xs" c="dimmed">
                      {r.message}
                    </Text>
                  </Stack>
                ))}
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
      {connection ? (
        <LoadMore
          shown={versions.length}
          total={connection.totalCount}
          hasMore={connection.pageInfo.hasNextPage}
          noun="versions"
          onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
        />
      ) : null}
    </ListState>
  );
}
