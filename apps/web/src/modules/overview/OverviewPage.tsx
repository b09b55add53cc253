import { useQuery } from '@apollo/client/react';
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconBell, IconRobotOff, IconShieldExclamation } from '@tabler/icons-react';
import { Link } from 'react-router';
import { allowed, roleLabel } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { ComplianceStatus } from '../../gql/graphql';
import { RefreshButton } from '../../ui/FilterBar';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { errorAt } from '../../ui/errors';
import { type Attention, AttentionCards } from './AttentionCards';
import { BudgetSpend } from './BudgetSpend';
import { OverviewQuery } from './overview.operations';
import { AgentsByStateChart, AlertsBySeverityChart, ViolationsBySeverityChart } from './OverviewCharts';
import { NonCompliantAgents, OpenViolations } from './ProblemLists';
import { RecentActivity } from './RecentActivity';
import { enumText } from '../../format/words';

const sum = (counts: readonly { count: number }[] | null | undefined) => (counts ? counts.reduce((total, c) => total + c.count, 0) : null);

/** Answers "is anything wrong?": what needs attention first, then where the tenant stands; each item opens its page. */
export default function OverviewPage() {
  const viewer = useViewer();
  const may = {
    withViolations: allowed(viewer, 'violations.read'),
    withAlerts: allowed(viewer, 'alerts.read'),
    withSpend: allowed(viewer, 'costs.readAmounts'),
    withAudit: allowed(viewer, 'audit.read'),
  };
  const { data, loading, error, refetch } = useQuery(OverviewQuery, {
    variables: may,
    errorPolicy: 'all',
    skip: !viewer.tenant,
    notifyOnNetworkStatusChange: true,
  });

  if (!viewer.tenant) {
    return (
      <>
        <PageHeader title="Overview" description="You are signed in without a tenant." />
        <Card withBorder>
          {viewer.isPlatformAdmin ? (
            <Text>
              As a platform admin you create, suspend and limit tenants on the{' '}
              <Anchor component={Link} to="/tenants">
                Tenants
              </Anchor>{' '}
              page.
            </Text>
          ) : (
            <Text>You do not belong to any tenant yet. Ask an admin to invite you.</Text>
          )}
        </Card>
      </>
    );
  }

  const first = loading && !data;
  const counts = data?.overview ?? undefined;
  const inService = sum(counts?.agentsByCompliance);
  const nonCompliant = counts?.agentsByCompliance.find((c) => c.status === ComplianceStatus.NonCompliant)?.count;
  const retry = () => void refetch();
  const attention: Attention[] = [
    {
      key: 'non-compliant',
      label: 'Non-compliant agents',
      count: nonCompliant,
      detail: inService != null ? `of ${inService} in service` : undefined,
      to: '/agents',
      icon: IconRobotOff,
    },
    ...(may.withViolations
      ? [{ key: 'violations', label: 'Open violations', count: sum(counts?.openViolationsBySeverity), to: '/violations', icon: IconShieldExclamation }]
      : []),
    ...(may.withAlerts ? [{ key: 'alerts', label: 'Open alerts', count: sum(counts?.openAlertsBySeverity), to: '/alerts', icon: IconBell }] : []),
  ];
  const critical = counts?.openViolationsBySeverity?.find((c) => c.severity === 'CRITICAL')?.count ?? 0;
  if (may.withViolations)
    attention.push({ key: 'critical', label: 'Critical violations', count: counts ? critical : null, to: '/violations', icon: IconAlertTriangle });

  return (
    <>
      <PageHeader
        title={viewer.tenant.name}
        description={
          <>
            Is anything wrong? What needs attention first, then where the tenant stands. You act here as{' '}
            <b>{viewer.role ? roleLabel(viewer.role) : (viewer.customRoleName ?? 'no role')}</b>.
          </>
        }
        actions={
          <Group gap="xs">
            <Badge variant="light">{enumText(viewer.tenant.plan)} plan</Badge>
            <Badge variant="light" color={viewer.tenant.status === 'ACTIVE' ? 'teal' : 'orange'}>
              {enumText(viewer.tenant.status)}
            </Badge>
            <RefreshButton what="the overview" refreshing={loading && Boolean(data)} onRefresh={retry} />
          </Group>
        }
      />
      <Stack>
        {error && !errorAt(error, 'overview') ? <ProblemAlert error={error} onRetry={retry} what="reading parts of the overview" /> : null}
        <AttentionCards items={attention} loading={first} />
        <SimpleGrid cols={{ base: 1, md: may.withViolations && may.withAlerts ? 3 : may.withViolations || may.withAlerts ? 2 : 1 }}>
          {may.withViolations ? (
            <ViolationsBySeverityChart counts={counts?.openViolationsBySeverity} loading={first} error={errorAt(error, 'overview')} onRetry={retry} />
          ) : null}
          <AgentsByStateChart counts={counts?.agentsByStatus} loading={first} error={errorAt(error, 'overview')} onRetry={retry} />
          {may.withAlerts ? (
            <AlertsBySeverityChart counts={counts?.openAlertsBySeverity} loading={first} error={errorAt(error, 'overview')} onRetry={retry} />
          ) : null}
        </SimpleGrid>
        {first ? null : (
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {may.withViolations && data?.openViolations ? (
              <OpenViolations violations={data.openViolations.nodes} total={sum(counts?.openViolationsBySeverity) ?? 0} />
            ) : null}
            {data?.nonCompliant ? <NonCompliantAgents agents={data.nonCompliant.nodes} total={data.nonCompliant.totalCount} /> : null}
            {may.withSpend && data?.budgets ? <BudgetSpend budgets={data.budgets.nodes} total={data.budgets.totalCount} /> : null}
            {may.withAudit && data?.auditEntries ? <RecentActivity entries={data.auditEntries.nodes} /> : null}
          </SimpleGrid>
        )}
      </Stack>
    </>
  );
}
