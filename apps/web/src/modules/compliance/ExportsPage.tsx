import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Group, Progress, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileExport } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session/SessionProvider';
import { getFragmentData, graphql } from '../../gql';
import { ComplianceExportStatus } from '../../gql/graphql';
import { BackLink } from '../../ui/BackLink';
import { FormProblems } from '../../ui/FormActions';
import { problemsOf } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { PageHeader } from '../../ui/PageHeader';
import { useFormMutation } from '../../ui/useFormMutation';
import { When } from '../../ui/When';
import { downloadFile } from './files';
import { words } from '../../format/words';
import { WHOLE } from '../../ui/badges';
import { formatBytes, type StatusBadgeProps } from './labels';

const EXPORT_STATUS_COLOR: Record<ComplianceExportStatus, string> = { QUEUED: 'gray', RUNNING: 'blue', READY: 'teal', FAILED: 'red' };

export function ExportStatusBadge({ status, ...props }: StatusBadgeProps<ComplianceExportStatus>) {
  return (
    <Badge variant="light" color={EXPORT_STATUS_COLOR[status]} styles={WHOLE} data-testid="export-status" data-status={status} {...props}>
      {words(status)}
    </Badge>
  );
}

export const ExportRow = graphql(`
  fragment ComplianceExportRow on ComplianceExport {
    id
    status
    progress
    periodStart
    periodEnd
    size
    sha256
    downloadPath
    error
    createdAt
    finishedAt
    frameworkName
    framework {
      id
      name
      version
    }
    requestedBy {
      id
      fullName
    }
  }
`);

export const ExportsQuery = graphql(`
  query ComplianceExports {
    complianceExports(first: 25) {
      nodes {
        id
        ...ComplianceExportRow
      }
    }
    complianceFrameworks(first: 100) {
      nodes {
        id
        name
        version
      }
    }
  }
`);

export const ExportStart = graphql(`
  mutation ComplianceExportStart($input: ComplianceExportStartInput!) {
    complianceExportStart(input: $input) {
      export {
        id
        ...ComplianceExportRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

interface Values {
  frameworkId: string | null;
  periodStart: string | null;
  periodEnd: string | null;
}

export function exportProblems(values: Values, today = dayjs().format('YYYY-MM-DD')): Partial<Record<keyof Values, string>> {
  const problems: Partial<Record<keyof Values, string>> = {};
  if (!values.frameworkId) problems.frameworkId = 'Choose the framework';
  if (!values.periodStart) problems.periodStart = 'Choose the first day';
  if (!values.periodEnd) problems.periodEnd = 'Choose the last day';
  else if (values.periodEnd > today) problems.periodEnd = 'The period cannot end in the future';
  if (values.periodStart && values.periodEnd && values.periodStart > values.periodEnd) problems.periodEnd = 'The period ends on or after its first day';
  return problems;
}

const running = (status: ComplianceExportStatus) => status === ComplianceExportStatus.Queued || status === ComplianceExportStatus.Running;

/** The auditor's package for a framework and period, built by a job: progress while it runs, then a download. */
export default function ExportsPage() {
  const [params] = useSearchParams();
  const session = useSession();
  const [downloading, setDownloading] = useState<string | null>(null);
  const { data, loading, error, refetch, startPolling, stopPolling } = useQuery(ExportsQuery, { errorPolicy: 'all', fetchPolicy: 'cache-and-network' });
  const exports = getFragmentData(ExportRow, data?.complianceExports?.nodes) ?? [];
  const busy = exports.some((e) => running(e.status));
  // Poll while a package is being built, and stop when none is.
  useEffect(() => {
    if (!busy) return;
    startPolling(1000);
    return () => stopPolling();
  }, [busy, startPolling, stopPolling]);
  const [start] = useMutation(ExportStart, { refetchQueries: ['ComplianceExports'] });
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: {
      frameworkId: params.get('framework'),
      periodStart: dayjs().subtract(1, 'year').format('YYYY-MM-DD'),
      periodEnd: dayjs().format('YYYY-MM-DD'),
    },
    validate: (values) => exportProblems(values),
  });
  const { submit, submitting, problems } = useFormMutation({
    form,
    send: async (values) => {
      const { data: result, error: failed } = await start({
        variables: { input: { frameworkId: values.frameworkId!, periodStart: values.periodStart!, periodEnd: values.periodEnd! } },
        errorPolicy: 'all',
      });
      return { payload: result?.complianceExportStart, error: failed };
    },
    result: (payload) => payload.export,
    fields: ['frameworkId', 'periodStart', 'periodEnd'],
    toast: () => ({ title: 'Export started', message: 'Steward is building the package; it appears below with its progress.' }),
    keepOpen: true,
    onClose: () => undefined,
  });
  const frameworks = (data?.complianceFrameworks?.nodes ?? []).map((f) => ({ value: f.id, label: `${f.name} ${f.version}` }));

  async function download(id: string, path: string, name: string) {
    setDownloading(id);
    try {
      await downloadFile(session, path, name);
    } catch (e) {
      notifications.show({
        color: 'red',
        title: 'Download failed',
        message: problemsOf(e)
          .map((p) => p.message)
          .join(' '),
      });
    } finally {
      setDownloading(null);
    }
  }

  return (
    <>
      <BackLink to="/compliance" label="Compliance" />
      <PageHeader
        title="Auditor exports"
        description="One package per framework and period: requirements with status, controls and mappings, every evidence item with its SHA-256 and approvals, the decisions behind automated controls, and the audit entries; JSON, CSV and files in a zip."
      />
      <Stack>
        <Card withBorder padding="md" component="section" aria-label="New export">
          <Title order={2} size="h4" mb="sm">
            New export
          </Title>
          <form onSubmit={submit} noValidate aria-label="New export">
            <SimpleGrid cols={{ base: 1, md: 4 }} style={{ alignItems: 'end' }}>
              <Select label="Framework" data={frameworks} searchable required {...form.getInputProps('frameworkId')} />
              <DateInput label="From" valueFormat="YYYY-MM-DD" required {...form.getInputProps('periodStart')} />
              <DateInput label="To" valueFormat="YYYY-MM-DD" required maxDate={new Date()} {...form.getInputProps('periodEnd')} />
              <Button type="submit" loading={submitting} leftSection={<IconFileExport size={16} />}>
                Build package
              </Button>
            </SimpleGrid>
            <FormProblems messages={problems} />
          </form>
        </Card>
        <Card withBorder padding="md" component="section" aria-label="Packages">
          <Title order={2} size="h4" mb="sm">
            Packages
          </Title>
          <ListState
            loading={loading && !data}
            error={error}
            empty={data != null && exports.length === 0}
            emptyTitle="No exports yet"
            what="exports"
            onRetry={() => void refetch()}
          >
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="sm" aria-label="Export packages">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Framework</Table.Th>
                    <Table.Th>Period</Table.Th>
                    <Table.Th w={220}>Status</Table.Th>
                    <Table.Th>Requested</Table.Th>
                    <Table.Th>Package</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {exports.map((e) => (
                    <Table.Tr key={e.id} data-testid="export-row" data-status={e.status}>
                      <Table.Td>
                        <Text size="sm">{e.framework ? `${e.framework.name} ${e.framework.version}` : e.frameworkName}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {e.periodStart} – {e.periodEnd}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={4}>
                          <ExportStatusBadge status={e.status} size="sm" />
                          {running(e.status) ? (
                            <Progress
                              value={e.progress}
                              animated
                              aria-label={`Building the ${e.frameworkName} package: ${e.progress}%`}
                              data-testid="export-progress"
                            />
                          ) : null}
                          {e.error ? (
                            <Text size="xs" c="red">
                              {e.error}
                            </Text>
                          ) : null}
                        </Stack>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{e.requestedBy?.fullName ?? '—'}</Text>
                        <When at={e.createdAt} />
                      </Table.Td>
                      <Table.Td>
                        {e.status === ComplianceExportStatus.Ready && e.downloadPath ? (
                          <Group gap="xs" wrap="nowrap">
                            <Button
                              size="xs"
                              variant="default"
                              leftSection={<IconDownload size={14} />}
                              loading={downloading === e.id}
                              onClick={() =>
                                void download(e.id, e.downloadPath!, `${e.frameworkName}-${e.periodStart}-${e.periodEnd}.zip`.replace(/[^\w.-]+/g, '-'))
                              }
                              aria-label={`Download the ${e.frameworkName} package`}
                            >
                              Download
                            </Button>
                            <Text size="xs" c="dimmed" title={e.sha256 ? `SHA-256 ${e.sha256}` : undefined}>
                              {formatBytes(e.size)}
                            </Text>
                          </Group>
                        ) : (
                          <Text size="xs" c="dimmed">
                            {running(e.status) ? `${e.progress}%` : '—'}
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </ListState>
        </Card>
      </Stack>
    </>
  );
}
