import { useQuery } from '@apollo/client/react';
import { Anchor, Button, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileExport, IconPlus, IconShieldOff, IconUserCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { formatDay } from '../../format/days';
import { getFragmentData, graphql } from '../../gql';
import { ChartCard } from '../../ui/ChartCard';
import { ListState } from '../../ui/ListState';
import { PageHeader } from '../../ui/PageHeader';
import { FrameworkCard, FrameworkCardFields, frameworkPath } from './FrameworkCard';
import { ScoreTrend } from './ScoreTrend';
import { controlPath } from './paths';

export const ComplianceOverviewQuery = graphql(`
  query ComplianceOverview($withDetails: Boolean!, $withTrend: Boolean!) {
    complianceFrameworks(first: 50) {
      totalCount
      nodes {
        id
        ...FrameworkCard
      }
    }
    complianceOverview @include(if: $withDetails) {
      frameworkCount
      averageScore
      evidenceInReviewCount
      expiringCertifications {
        id
        name
        version
        expiresOn
        auditor
      }
      expiringEvidence {
        id
        title
        renewalDue
        control {
          id
          name
        }
      }
    }
  }
`);

/** Readiness per framework with its trend; for those who own or audit compliance, what expires soon. */
export default function OverviewPage() {
  const viewer = useViewer();
  const withDetails = allowed(viewer, 'compliance.read');
  const withTrend = allowed(viewer, 'compliance.readTrend');
  const manage = allowed(viewer, 'compliance.manage');
  const exportable = allowed(viewer, 'compliance.export');
  const { data, previousData, loading, error, refetch } = useQuery(ComplianceOverviewQuery, {
    variables: { withDetails, withTrend },
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
  });
  const result = data ?? previousData;
  const frameworks = getFragmentData(FrameworkCardFields, result?.complianceFrameworks?.nodes) ?? [];
  const overview = result?.complianceOverview;
  const series = frameworks.map((f) => ({
    name: f.name,
    points: (f.scoreHistory ?? []).flatMap((p) => (p.score == null ? [] : [{ date: p.day, score: p.score }])),
  }));

  return (
    <>
      <PageHeader
        title="Compliance"
        description={
          withDetails
            ? 'Readiness per framework, computed from requirements, controls, evidence and the decisions of your policies.'
            : 'Readiness per framework. Requirements, controls and evidence are for compliance officers and auditors.'
        }
        actions={
          <>
            {withDetails ? (
              <Button variant="default" component={Link} to="/compliance/exceptions" leftSection={<IconShieldOff size={18} />}>
                Exceptions
              </Button>
            ) : null}
            {allowed(viewer, 'complianceRecords.read') ? (
              <Button variant="default" component={Link} to="/compliance/records" leftSection={<IconUserCheck size={18} />}>
                Records
              </Button>
            ) : null}
            {exportable ? (
              <Button variant="default" component={Link} to="/compliance/exports" leftSection={<IconFileExport size={18} />}>
                Auditor exports
              </Button>
            ) : null}
            {manage ? (
              <Button component={Link} to="/compliance/frameworks/new" leftSection={<IconPlus size={18} />}>
                Add framework
              </Button>
            ) : null}
          </>
        }
      />
      <Stack gap="md">
        {overview ? (
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Card withBorder padding="md">
              <Text size="xs" c="dimmed">
                Average readiness
              </Text>
              <Text fw={700} size="xl" data-testid="average-score">
                {overview.averageScore == null ? '—' : `${Math.round(overview.averageScore)}%`}
              </Text>
            </Card>
            <Card withBorder padding="md">
              <Text size="xs" c="dimmed">
                Evidence waiting for review
              </Text>
              <Anchor component={Link} to="/evidence" fw={700} size="xl">
                {overview.evidenceInReviewCount}
              </Anchor>
            </Card>
            <Card withBorder padding="md">
              <Text size="xs" c="dimmed">
                Certifications expiring within 90 days
              </Text>
              <Text fw={700} size="xl">
                {overview.expiringCertifications.length}
              </Text>
            </Card>
          </SimpleGrid>
        ) : null}
        <section aria-label="Frameworks">
          <Title order={2} size="h4" mb="sm">
            Frameworks
          </Title>
          <ListState
            loading={loading && !result}
            error={error}
            empty={result != null && frameworks.length === 0}
            emptyTitle="No frameworks yet"
            emptyDescription={manage ? 'Add one from a template: SOC 2, ISO 27001, ISO 42001, NIST AI RMF, the EU AI Act and more.' : undefined}
            what="compliance frameworks"
            onRetry={() => void refetch()}
          >
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {frameworks.map((framework) => (
                <FrameworkCard key={framework.id} framework={framework} linked={withDetails} />
              ))}
            </SimpleGrid>
          </ListState>
        </section>
        {withTrend ? (
          <ChartCard
            title="Readiness over time"
            description="Daily snapshots of each framework's score, last 90 days"
            testId="score-trend-card"
            loading={loading && !result}
            error={result ? null : error}
            empty={series.every((s) => s.points.length === 0)}
            emptyTitle="No snapshots yet"
            emptyDescription="A snapshot of every framework's score is taken each day."
            onRetry={() => void refetch()}
          >
            <ScoreTrend series={series.filter((s) => s.points.length > 0)} />
          </ChartCard>
        ) : null}
        {overview ? (
          <SimpleGrid cols={{ base: 1, lg: 2 }}>
            <Card withBorder padding="md" component="section" aria-label="Expiring certifications">
              <Title order={2} size="h4" mb="sm">
                Expiring certifications
              </Title>
              {overview.expiringCertifications.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No certification expires within 90 days.
                </Text>
              ) : (
                <Table aria-label="Expiring certifications">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Framework</Table.Th>
                      <Table.Th>Expires</Table.Th>
                      <Table.Th>Auditor</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {overview.expiringCertifications.map((f) => (
                      <Table.Tr key={f.id}>
                        <Table.Td>
                          <Anchor component={Link} to={frameworkPath(f.id)} size="sm">
                            {f.name} {f.version}
                          </Anchor>
                        </Table.Td>
                        <Table.Td>{f.expiresOn ? formatDay(f.expiresOn, { month: 'short', day: 'numeric', year: 'numeric' }) : '—'}</Table.Td>
                        <Table.Td>{f.auditor ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
            <Card withBorder padding="md" component="section" aria-label="Expiring evidence">
              <Title order={2} size="h4" mb="sm">
                Evidence due for renewal
              </Title>
              {overview.expiringEvidence.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No approved evidence is due for renewal within 30 days.
                </Text>
              ) : (
                <Table aria-label="Evidence due for renewal">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Evidence</Table.Th>
                      <Table.Th>Control</Table.Th>
                      <Table.Th>Renew by</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {overview.expiringEvidence.map((e) => (
                      <Table.Tr key={e.id}>
                        <Table.Td>{e.title}</Table.Td>
                        <Table.Td>
                          {e.control ? (
                            <Anchor component={Link} to={controlPath(e.control.id)} size="sm">
                              {e.control.name}
                            </Anchor>
                          ) : (
                            '—'
                          )}
                        </Table.Td>
                        <Table.Td>{e.renewalDue ? formatDay(e.renewalDue, { month: 'short', day: 'numeric', year: 'numeric' }) : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </SimpleGrid>
        ) : null}
      </Stack>
    </>
  );
}
