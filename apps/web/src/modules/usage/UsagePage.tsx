import { useQuery } from '@apollo/client/react';
import { Alert, Badge, Button, Card, Center, Group, Loader, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { BillingCycle, PlanFeature, PlanLimit, type TenantUsageQuery as TenantUsage } from '../../gql/graphql';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { When } from '../../ui/When';
import { TenantUsageQuery } from './usage.operations';
import { UsageChart } from './UsageChart';
import { useState } from 'react';
import { useSession } from '../../app/session/SessionProvider';
import { downloadUsage } from './download';
import { invoiceOf } from './invoice';
import { InvoiceSummaryCard } from './InvoiceSummaryCard';

const CHART_DAYS = 30;

const LIMIT_LABELS: Record<PlanLimit, string> = {
  [PlanLimit.Agents]: 'Agents',
  [PlanLimit.Members]: 'Members (with pending invitations)',
  [PlanLimit.ApiKeys]: 'Active API keys',
  [PlanLimit.Policies]: 'Policies',
  [PlanLimit.EventsPerMonth]: 'Analytics events this month',
};

const FEATURE_LABELS: Record<PlanFeature, string> = {
  [PlanFeature.Sso]: 'Single sign-on',
  [PlanFeature.CustomRoles]: 'Custom roles',
  [PlanFeature.Approvals]: 'Approvals',
  [PlanFeature.Exports]: 'Exports',
};

type Usage = NonNullable<NonNullable<TenantUsage['tenant']>['usage']>[number];

function usageColor(percent: number): string {
  return percent >= 100 ? 'red' : percent >= 80 ? 'orange' : 'teal';
}

function LimitCard({ usage }: { usage: Usage }) {
  const label = LIMIT_LABELS[usage.limit];
  const percent = usage.max === null ? 0 : usage.max === 0 ? 100 : Math.min(100, (usage.used / usage.max) * 100);
  return (
    <Card withBorder padding="md" data-testid={`usage-${usage.limit}`}>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Group gap={6} align="baseline" mb="xs">
        <Text size="xl" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {usage.used}
        </Text>
        <Text size="sm" c="dimmed">
          {usage.max === null ? 'no limit' : `of ${usage.max}`}
        </Text>
      </Group>
      {usage.max === null ? null : <Progress value={percent} color={usageColor(percent)} aria-label={`${label}: ${usage.used} of ${usage.max}`} />}
      {usage.max !== null && usage.used >= usage.max ? (
        <Text size="xs" mt="xs" c="orange.9">
          Limit reached: new ones are refused.{usage.liftedBy ? ` The ${usage.liftedBy.name} plan allows more.` : ' Ask a platform admin to raise it.'}
        </Text>
      ) : null}
    </Card>
  );
}

function monthName(start: string): string {
  return new Date(start).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function cycleText(cycle: BillingCycle): string {
  return cycle === BillingCycle.Annual ? 'year' : 'month';
}

export default function UsagePage() {
  const { data, loading, error, refetch } = useQuery(TenantUsageQuery, { errorPolicy: 'all', notifyOnNetworkStatusChange: true });
  const tenant = data?.tenant;
  const session = useSession();
  const [exporting, setExporting] = useState<'csv' | 'json' | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const exportAs = (format: 'csv' | 'json') => {
    setExporting(format);
    setExportError(null);
    downloadUsage(session, format)
      .catch((e: unknown) => setExportError(e instanceof Error ? e.message : String(e)))
      .finally(() => setExporting(null));
  };
  const apiRate = data?.plans?.find((p) => p.tier === tenant?.plan)?.limits.maxApiRequestsPerMinute;
  return (
    <>
      <PageHeader title="Plan and usage" description="Your plan, what it includes, and how much of each limit the tenant uses. Platform admins change plans." />
      {error && !tenant ? <ProblemAlert error={error} onRetry={() => void refetch()} /> : null}
      {loading && !tenant ? (
        <Center py="xl" aria-busy="true">
          <Stack align="center" gap="xs">
            <Loader />
            <Text size="sm" c="dimmed">
              Loading usage…
            </Text>
          </Stack>
        </Center>
      ) : null}
      {tenant ? (
        <Stack gap="lg">
          {tenant.readOnlySince ? (
            <Alert color="red" title="Read-only: the trial ran out" data-testid="usage-read-only">
              Since <When at={tenant.readOnlySince} /> the tenant can read everything but change nothing. A platform admin can move it to a paid plan or extend
              the trial.
            </Alert>
          ) : null}
          <Card withBorder padding="md">
            <Group justify="space-between" align="flex-start">
              <div>
                <Text size="sm" c="dimmed">
                  Plan
                </Text>
                <Title order={2} size="h3" data-testid="usage-plan">
                  {tenant.planDetails.name}
                </Title>
                {tenant.subscription ? (
                  <Text size="sm">
                    ${tenant.subscription.price} a {cycleText(tenant.subscription.billingCycle)} · since <When at={tenant.subscription.startedAt} />
                  </Text>
                ) : null}
                {tenant.subscription?.trialEndsAt ? (
                  <Text size="sm" c="orange.9">
                    Trial ends <When at={tenant.subscription.trialEndsAt} />
                  </Text>
                ) : null}
              </div>
              <Group gap="xs" aria-label="Features">
                {Object.values(PlanFeature).map((f) => (
                  <Badge key={f} variant={tenant.features.includes(f) ? 'light' : 'outline'} color={tenant.features.includes(f) ? 'teal' : 'gray'}>
                    {FEATURE_LABELS[f]}: {tenant.features.includes(f) ? 'included' : 'not included'}
                  </Badge>
                ))}
              </Group>
            </Group>
          </Card>
          {tenant.subscription ? (
            <InvoiceSummaryCard
              invoice={invoiceOf({ planName: tenant.planDetails.name, subscription: tenant.subscription, usageMonths: tenant.usageMonths ?? [] })}
            />
          ) : null}
          <section aria-labelledby="limits-heading">
            <Title order={2} size="h4" id="limits-heading" mb="sm">
              Limits
            </Title>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {(tenant.usage ?? []).map((u) => (
                <LimitCard key={u.limit} usage={u} />
              ))}
              <Card withBorder padding="md" data-testid="usage-API_RATE">
                <Text size="sm" c="dimmed">
                  API requests a minute
                </Text>
                <Text size="xl" fw={600}>
                  {apiRate == null ? 'no limit' : apiRate.toLocaleString('en-US')}
                </Text>
                <Text size="xs" c="dimmed">
                  For the API keys together, and for signed-in members together; more are refused for a moment (HTTP 429).
                </Text>
              </Card>
            </SimpleGrid>
          </section>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              Use over the last {CHART_DAYS} days
            </Title>
            <UsageChart used={tenant.usageDays ?? []} days={CHART_DAYS} />
          </Card>
          <Card withBorder padding="md">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Use per month
              </Title>
              <Group gap="xs">
                <Button size="xs" variant="default" loading={exporting === 'csv'} onClick={() => exportAs('csv')}>
                  Export CSV
                </Button>
                <Button size="xs" variant="default" loading={exporting === 'json'} onClick={() => exportAs('json')}>
                  Export JSON
                </Button>
              </Group>
            </Group>
            {exportError ? (
              <Alert color="red" mb="sm" title="The export failed">
                {exportError}
              </Alert>
            ) : null}
            {(tenant.usageMonths ?? []).length === 0 ? (
              <Text size="sm" c="dimmed">
                No metered use yet.
              </Text>
            ) : (
              <Table aria-label="Use per month">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Month (UTC)</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>Analytics events</Table.Th>
                    <Table.Th style={{ textAlign: 'right' }}>API requests</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {(tenant.usageMonths ?? []).map((m) => (
                    <Table.Tr key={m.start}>
                      <Table.Td>{monthName(m.start)}</Table.Td>
                      <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{m.events.toLocaleString('en-US')}</Table.Td>
                      <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{m.apiRequests.toLocaleString('en-US')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
          <Card withBorder padding="md">
            <Title order={2} size="h4" mb="sm">
              Subscription history
            </Title>
            <Table aria-label="Subscription history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Plan</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Price</Table.Th>
                  <Table.Th>From</Table.Th>
                  <Table.Th>Until</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(tenant.subscriptions ?? []).map((s) => (
                  <Table.Tr key={s.startedAt + s.plan.name}>
                    <Table.Td>{s.plan.name}</Table.Td>
                    <Table.Td>{s.status.toLowerCase()}</Table.Td>
                    <Table.Td>
                      ${s.price} a {cycleText(s.billingCycle)}
                    </Table.Td>
                    <Table.Td>
                      <When at={s.startedAt} />
                    </Table.Td>
                    <Table.Td>{s.endedAt ? <When at={s.endedAt} /> : 'now'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Card>
        </Stack>
      ) : null}
    </>
  );
}
