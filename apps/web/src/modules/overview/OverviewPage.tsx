import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { can, roleLabel } from '../../app/access';
import { pageModules } from '../../app/modules';
import { useViewer } from '../../app/shell/viewer';
import { graphql } from '../../gql';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemAlert } from '../../ui/ProblemAlert';

const OverviewQuery = graphql(`
  query Overview($withKeys: Boolean!) {
    tenant {
      id
      name
      plan
      status
      createdAt
      resourceLimits {
        maxAgents
        maxApiKeys
        maxMembers
      }
    }
    members(first: 0) {
      totalCount
    }
    apiKeys(first: 0, filter: { statuses: [active] }) @include(if: $withKeys) {
      totalCount
    }
  }
`);

function Stat({ label, value, limit, loading }: { label: string; value: number | string | null | undefined; limit?: number | null; loading: boolean }) {
  return (
    <Card withBorder padding="lg">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      {loading ? (
        <Skeleton h={32} mt={6} w={60} />
      ) : (
        <Group gap={6} align="baseline">
          <Title order={2}>{value ?? '—'}</Title>
          {limit != null ? (
            <Text size="sm" c="dimmed">
              of {limit}
            </Text>
          ) : null}
        </Group>
      )}
    </Card>
  );
}

export default function OverviewPage() {
  const viewer = useViewer();
  const withKeys = can(viewer.role, 'apiKeys.read');
  const { data, loading, error, refetch } = useQuery(OverviewQuery, { variables: { withKeys }, errorPolicy: 'all', skip: !viewer.tenant });
  const tenant = data?.tenant ?? null;
  const pages = pageModules.filter((m) => m.path !== '' && (m.capability === null || can(viewer.role, m.capability)));

  if (!viewer.tenant) {
    return (
      <>
        <PageHeader title="Overview" description="You are signed in without a tenant." />
        <Card withBorder>
          <Text>
            {viewer.isPlatformAdmin
              ? 'As a platform admin you administer tenants through the API; tenant pages appear here once you are a member of one.'
              : 'You do not belong to any tenant yet. Ask an admin to invite you.'}
          </Text>
        </Card>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={viewer.tenant.name}
        description={
          <>
            You act here as <b>{viewer.role ? roleLabel(viewer.role) : 'no role'}</b>
            {viewer.user ? `, signed in as ${viewer.user.fullName}` : ''}.
          </>
        }
        actions={
          tenant ? (
            <Group gap="xs">
              <Badge variant="light">{tenant.plan} plan</Badge>
              <Badge variant="light" color={tenant.status === 'active' ? 'teal' : 'orange'}>
                {tenant.status}
              </Badge>
            </Group>
          ) : null
        }
      />
      <Stack>
        {error ? <ProblemAlert error={error} onRetry={() => void refetch()} what="reading parts of the overview" /> : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Stat label="Members" value={data?.members?.totalCount} limit={tenant?.resourceLimits?.maxMembers} loading={loading} />
          {withKeys ? <Stat label="Active API keys" value={data?.apiKeys?.totalCount} limit={tenant?.resourceLimits?.maxApiKeys} loading={loading} /> : null}
          <Stat label="Agent limit" value={tenant ? (tenant.resourceLimits?.maxAgents ?? 'No limit') : null} loading={loading} />
        </SimpleGrid>
        <Card withBorder>
          <Title order={4} mb="xs">
            What you can do
          </Title>
          <Stack gap={6}>
            {pages.map((m) => (
              <Group key={m.path} gap="xs" wrap="nowrap">
                <m.icon size={18} />
                <Anchor component={Link} to={`/${m.path}`}>
                  {m.label}
                </Anchor>
                <Text size="sm" c="dimmed">
                  {m.description}
                </Text>
              </Group>
            ))}
            {can(viewer.role, 'graphiql') ? (
              <Text size="sm">
                <Anchor href="/graphql" target="_blank" rel="noopener">
                  GraphiQL
                </Anchor>{' '}
                <Text span size="sm" c="dimmed">
                  explores the API signed in as you.
                </Text>
              </Text>
            ) : null}
          </Stack>
        </Card>
      </Stack>
    </>
  );
}
