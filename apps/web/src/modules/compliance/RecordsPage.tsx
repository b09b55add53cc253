import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Group, Modal, MultiSelect, NumberInput, Select, SegmentedControl, Stack, Table, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { ComplianceRecordKind, ComplianceRecordStatus, ComplianceRecordSubjectKind, type ComplianceRecordRowFragment } from '../../gql/graphql';
import { BackLink } from '../../ui/BackLink';
import { FormActions, FormProblems } from '../../ui/FormActions';
import { JsonView } from '../../ui/json';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { useFormMutation } from '../../ui/useFormMutation';
import { When } from '../../ui/When';
import { words } from '../../format/words';
import { WHOLE } from '../../ui/badges';
import type { StatusBadgeProps } from './labels';
import { refusedByFourEyes, reviewRefusalTitle } from './fourEyes';

const RECORD_STATUS_COLOR: Record<ComplianceRecordStatus, string> = { PENDING: 'blue', APPROVED: 'teal', REJECTED: 'gray', FLAGGED: 'red' };
export const RECORD_KIND_LABEL: Record<ComplianceRecordKind, string> = { AML: 'AML', KYC: 'KYC', OFAC: 'OFAC', CUSTOM: 'Custom' };
export const SUBJECT_KIND_LABEL: Record<ComplianceRecordSubjectKind, string> = {
  AGENT: 'Agent',
  VENDOR_MODEL: 'Vendor model',
  PERSON: 'Person',
  ORGANISATION: 'Organisation',
};
export const recordKindOptions = Object.values(ComplianceRecordKind).map((value) => ({ value, label: RECORD_KIND_LABEL[value] }));
export const subjectKindOptions = Object.values(ComplianceRecordSubjectKind).map((value) => ({ value, label: SUBJECT_KIND_LABEL[value] }));
export const recordStatusOptions = Object.values(ComplianceRecordStatus).map((value) => ({ value, label: words(value) }));

export function RecordStatusBadge({ status, ...props }: StatusBadgeProps<ComplianceRecordStatus>) {
  return (
    <Badge variant="light" color={RECORD_STATUS_COLOR[status]} styles={WHOLE} data-testid="record-status" data-status={status} {...props}>
      {words(status)}
    </Badge>
  );
}

export const ComplianceRecordRow = graphql(`
  fragment ComplianceRecordRow on ComplianceRecord {
    id
    kind
    customKind
    subjectKind
    subjectName
    agent {
      id
      name
    }
    status
    riskScore @include(if: $withRestricted)
    data @include(if: $withRestricted)
    createdBy {
      id
      fullName
    }
    reviewedBy {
      id
      fullName
    }
    reviewedAt
    reviewNote
    createdAt
  }
`);

export const ComplianceRecordsQuery = graphql(`
  query ComplianceRecords($first: Int!, $after: String, $filter: ComplianceRecordFilter, $withRestricted: Boolean!) {
    complianceRecords(first: $first, after: $after, filter: $filter) {
      totalCount
      nodes {
        id
        ...ComplianceRecordRow
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const RecordCreate = graphql(`
  mutation ComplianceRecordCreate($input: ComplianceRecordCreateInput!) {
    complianceRecordCreate(input: $input) {
      record {
        id
        subjectName
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const RecordApprove = graphql(`
  mutation ComplianceRecordApprove($input: ComplianceRecordReviewInput!) {
    complianceRecordApprove(input: $input) {
      record {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const RecordReject = graphql(`
  mutation ComplianceRecordReject($input: ComplianceRecordReviewInput!) {
    complianceRecordReject(input: $input) {
      record {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const RecordFlag = graphql(`
  mutation ComplianceRecordFlag($input: ComplianceRecordReviewInput!) {
    complianceRecordFlag(input: $input) {
      record {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

interface CreateValues {
  kind: ComplianceRecordKind;
  customKind: string;
  subjectKind: ComplianceRecordSubjectKind;
  subjectName: string;
  riskScore: number | string;
  data: string;
}

export function recordProblems(values: CreateValues): Partial<Record<keyof CreateValues, string>> {
  const problems: Partial<Record<keyof CreateValues, string>> = {};
  if (values.kind === ComplianceRecordKind.Custom && !values.customKind.trim()) problems.customKind = 'Name the kind of check';
  if (!values.subjectName.trim()) problems.subjectName = 'Name who or what was checked';
  const score = Number(values.riskScore);
  if (!Number.isInteger(score) || score < 1 || score > 100) problems.riskScore = 'A whole number from 1 to 100';
  if (values.data.trim()) {
    try {
      const parsed: unknown = JSON.parse(values.data);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) problems.data = 'Enter a JSON object';
    } catch {
      problems.data = 'Enter valid JSON';
    }
  }
  return problems;
}

function CreateRecordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [create] = useMutation(RecordCreate, { refetchQueries: ['ComplianceRecords'] });
  const form = useForm<CreateValues>({
    mode: 'controlled',
    initialValues: {
      kind: ComplianceRecordKind.Kyc,
      customKind: '',
      subjectKind: ComplianceRecordSubjectKind.Organisation,
      subjectName: '',
      riskScore: 50,
      data: '',
    },
    validate: recordProblems,
  });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const { data, error } = await create({
        variables: {
          input: {
            kind: values.kind,
            customKind: values.kind === ComplianceRecordKind.Custom ? values.customKind.trim() : null,
            subjectKind: values.subjectKind,
            subjectName: values.subjectName.trim(),
            riskScore: Number(values.riskScore),
            data: values.data.trim() ? (JSON.parse(values.data) as Record<string, unknown>) : null,
          },
        },
        errorPolicy: 'all',
      });
      return { payload: data?.complianceRecordCreate, error };
    },
    result: (payload) => payload.record,
    fields: ['kind', 'customKind', 'subjectKind', 'subjectName', 'riskScore', 'data'],
    toast: (record) => ({ title: 'Record created', message: `The check on ${record.subjectName} waits for another reviewer.` }),
    onClose,
  });
  return (
    <Modal opened={opened} onClose={close} title="New compliance record" centered size="lg">
      <form onSubmit={submit} noValidate aria-label="New compliance record">
        <Stack>
          <Group grow>
            <Select label="Check" data={recordKindOptions} allowDeselect={false} required {...form.getInputProps('kind')} />
            {form.values.kind === ComplianceRecordKind.Custom ? <TextInput label="Kind of check" required {...form.getInputProps('customKind')} /> : null}
          </Group>
          <Group grow>
            <Select label="Subject" data={subjectKindOptions} allowDeselect={false} required {...form.getInputProps('subjectKind')} />
            <TextInput label="Subject name" required data-autofocus {...form.getInputProps('subjectName')} />
          </Group>
          <NumberInput label="Risk score" description="1 (low) to 100 (high)" min={1} max={100} required {...form.getInputProps('riskScore')} />
          <Textarea label="Data (JSON)" autosize minRows={3} ff="monospace" {...form.getInputProps('data')} />
          <FormProblems messages={problems} />
          <FormActions onCancel={close} submitting={submitting} submitLabel="Create record" />
        </Stack>
      </form>
    </Modal>
  );
}

type Decision = 'approve' | 'reject' | 'flag';

function ReviewRecordModal({ record, onClose }: { record: ComplianceRecordRowFragment | null; onClose: () => void }) {
  const viewer = useViewer();
  const refetchQueries = ['ComplianceRecords'];
  const [approve] = useMutation(RecordApprove, { refetchQueries });
  const [reject] = useMutation(RecordReject, { refetchQueries });
  const [flag] = useMutation(RecordFlag, { refetchQueries });
  const [fourEyes, setFourEyes] = useState(false);
  const form = useForm<{ decision: Decision; note: string }>({
    mode: 'controlled',
    initialValues: { decision: 'approve', note: '' },
    validate: { note: (note, values) => (values.decision !== 'approve' && !note.trim() ? 'Say why' : note.length > 2000 ? 'At most 2000 characters' : null) },
  });
  const { submit, submitting, problems, close } = useFormMutation({
    form,
    send: async (values) => {
      const variables = { input: { recordId: record!.id, note: values.note.trim() || null } };
      const sent = await (async () => {
        if (values.decision === 'approve') {
          const r = await approve({ variables, errorPolicy: 'all' });
          return { payload: r.data?.complianceRecordApprove, error: r.error };
        }
        if (values.decision === 'reject') {
          const r = await reject({ variables, errorPolicy: 'all' });
          return { payload: r.data?.complianceRecordReject, error: r.error };
        }
        const r = await flag({ variables, errorPolicy: 'all' });
        return { payload: r.data?.complianceRecordFlag, error: r.error };
      })();
      setFourEyes(refusedByFourEyes(sent.payload));
      return sent;
    },
    result: (payload) => payload.record,
    fields: ['note'],
    toast: (saved) => ({ title: 'Record reviewed', message: `The check on ${record!.subjectName} is ${saved.status.toLowerCase()}.` }),
    onClose,
    onReset: () => setFourEyes(false),
  });
  const own = record?.createdBy?.id != null && record.createdBy.id === viewer.user?.id;
  return (
    <Modal opened={record !== null} onClose={close} title="Review record" centered size="lg">
      {record ? (
        <form onSubmit={submit} noValidate aria-label="Review record">
          <Stack>
            <Text size="sm">
              {RECORD_KIND_LABEL[record.kind]} check on <b>{record.subjectName}</b> ({SUBJECT_KIND_LABEL[record.subjectKind]}), created by{' '}
              {record.createdBy?.fullName ?? 'someone'}
            </Text>
            {own ? (
              <Text size="sm" c="orange" data-testid="own-record">
                You created this record: under the four-eyes rule another reviewer decides it.
              </Text>
            ) : null}
            <SegmentedControl
              aria-label="Decision"
              data={[
                { value: 'approve', label: 'Approve' },
                { value: 'reject', label: 'Reject' },
                { value: 'flag', label: 'Flag' },
              ]}
              {...form.getInputProps('decision')}
            />
            <Textarea label="Note" required={form.values.decision !== 'approve'} autosize minRows={2} {...form.getInputProps('note')} />
            <FormProblems messages={problems} title={problems.length ? reviewRefusalTitle(fourEyes, 'another reviewer') : undefined} />
            <FormActions onCancel={close} submitting={submitting} submitLabel="Record decision" />
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}

/** AML, KYC, OFAC and custom checks, each decided by someone other than its creator; flagged ones raise an alert. */
export default function RecordsPage() {
  const viewer = useViewer();
  const withRestricted = allowed(viewer, 'complianceRecords.readRestricted');
  const manage = allowed(viewer, 'complianceRecords.manage');
  const [kinds, setKinds] = useState<string[]>([]);
  const [statuses, setStatuses] = useState<string[]>([ComplianceRecordStatus.Pending, ComplianceRecordStatus.Flagged]);
  const [creating, setCreating] = useState(false);
  const [reviewing, setReviewing] = useState<ComplianceRecordRowFragment | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const filter = { kinds: kinds.length ? (kinds as ComplianceRecordKind[]) : null, statuses: statuses.length ? (statuses as ComplianceRecordStatus[]) : null };
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(ComplianceRecordsQuery, {
    variables: { first: 50, filter, withRestricted },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const connection = (data ?? previousData)?.complianceRecords;
  const records = getFragmentData(ComplianceRecordRow, connection?.nodes) ?? [];
  return (
    <>
      <BackLink to="/compliance" label="Compliance" />
      <PageHeader
        title="Compliance records"
        description={
          withRestricted
            ? 'AML, KYC, OFAC and custom checks on agents, vendor models, people and organisations. The creator never decides their own record.'
            : 'AML, KYC, OFAC and custom checks. Risk scores and data are for admins and compliance officers.'
        }
        actions={
          manage ? (
            <Button leftSection={<IconPlus size={18} />} onClick={() => setCreating(true)}>
              New record
            </Button>
          ) : null
        }
      />
      <Card withBorder padding="md">
        <Group mb="md" grow>
          <MultiSelect label="Checks" placeholder="Any check" data={recordKindOptions} value={kinds} onChange={setKinds} clearable />
          <MultiSelect label="Statuses" placeholder="Any status" data={recordStatusOptions} value={statuses} onChange={setStatuses} clearable />
        </Group>
        <ListState
          loading={loading && !connection}
          error={error}
          empty={connection != null && records.length === 0}
          emptyTitle="No records match"
          what="compliance records"
          onRetry={() => void refetch()}
        >
          <Table.ScrollContainer minWidth={860}>
            <Table verticalSpacing="sm" aria-label="Compliance records">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Check</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Status</Table.Th>
                  {withRestricted ? <Table.Th>Risk</Table.Th> : null}
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Reviewed</Table.Th>
                  {manage || withRestricted ? <Table.Th>Actions</Table.Th> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {records.map((r) => (
                  <Table.Tr key={r.id} data-testid="record-row" data-subject={r.subjectName} data-status={r.status}>
                    <Table.Td>
                      <Text size="sm">{r.kind === ComplianceRecordKind.Custom ? (r.customKind ?? 'Custom') : RECORD_KIND_LABEL[r.kind]}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm">{r.agent?.name ?? r.subjectName}</Text>
                        <Text size="xs" c="dimmed">
                          {SUBJECT_KIND_LABEL[r.subjectKind]}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <RecordStatusBadge status={r.status} size="sm" />
                    </Table.Td>
                    {withRestricted ? (
                      <Table.Td>
                        <Text size="sm" fw={500} c={(r.riskScore ?? 0) >= 70 ? 'red' : undefined}>
                          {r.riskScore ?? '—'}
                        </Text>
                      </Table.Td>
                    ) : null}
                    <Table.Td>
                      <Text size="sm">{r.createdBy?.fullName ?? '—'}</Text>
                      <When at={r.createdAt} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.reviewedBy?.fullName ?? '—'}</Text>
                      {r.reviewNote ? (
                        <Text size="xs" c="dimmed">
                          {r.reviewNote}
                        </Text>
                      ) : null}
                    </Table.Td>
                    {manage || withRestricted ? (
                      <Table.Td>
                        <Group gap={6} wrap="nowrap">
                          {manage && r.status === ComplianceRecordStatus.Pending ? (
                            <Button size="xs" onClick={() => setReviewing(r)} aria-label={`Review the check on ${r.subjectName}`}>
                              Review
                            </Button>
                          ) : null}
                          {withRestricted && r.data ? (
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setOpen(open === r.id ? null : r.id)}
                              aria-label={`Data of the check on ${r.subjectName}`}
                            >
                              Data
                            </Button>
                          ) : null}
                        </Group>
                      </Table.Td>
                    ) : null}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {open ? <JsonView value={records.find((r) => r.id === open)?.data ?? null} label="Record data" /> : null}
          {connection ? (
            <LoadMore
              shown={records.length}
              total={connection.totalCount}
              hasMore={connection.pageInfo.hasNextPage}
              noun="records"
              onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
            />
          ) : null}
        </ListState>
      </Card>
      {manage ? (
        <>
          <CreateRecordModal opened={creating} onClose={() => setCreating(false)} />
          <ReviewRecordModal record={reviewing} onClose={() => setReviewing(null)} />
        </>
      ) : null}
    </>
  );
}
