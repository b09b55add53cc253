import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Badge, Button, Card, FileButton, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCalendarCheck,
  IconChecklist,
  IconDownload,
  IconLinkOff,
  IconPencil,
  IconPlus,
  IconSend,
  IconShieldOff,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { allowed } from '../../app/access';
import { useSession } from '../../app/session/SessionProvider';
import { useViewer } from '../../app/shell/viewer';
import { words } from '../../format/words';
import { graphql } from '../../gql';
import { BackLink } from '../../ui/BackLink';
import { WHOLE } from '../../ui/badges';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { DetailState } from '../../ui/DetailState';
import { problemsOf, runMutation } from '../../ui/errors';
import { Fact } from '../../ui/Fact';
import { PageHeader } from '../../ui/PageHeader';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { ControlFormModal } from './ControlFormModal';
import { EvidenceModal, EvidenceSubmit } from './EvidenceModal';
import { ExceptionModal, ExceptionRevoke, type ExceptionTarget } from './ExceptionModal';
import { frameworkPath } from './FrameworkCard';
import { MapModal } from './MapModal';
import { downloadFile, fileProblem, uploadEvidenceFile } from './files';
import { ControlStatusBadge, EVIDENCE_KIND_LABEL, EvidenceStatusBadge, FREQUENCY_LABEL, formatBytes, RequirementStatusBadge } from './labels';

export const ControlDetailQuery = graphql(`
  query ComplianceControlDetail($id: ID!, $withDetails: Boolean!) {
    complianceControl(id: $id) {
      id
      name
      description
      status
      statusComputedAt
      automated
      evidenceRequired
      reviewFrequency
      lastReviewedAt
      nextReviewDue
      owner {
        id
        fullName
      }
      exception @include(if: $withDetails) {
        id
        reason
        expiresAt
        approvedBy {
          id
          fullName
        }
      }
      policies {
        id
        name
      }
      requirements @include(if: $withDetails) {
        id
        code
        title
        status
        framework {
          id
          name
          version
        }
      }
      automatedChecks {
        passing
        failingAgentCount
        windowStart
        windowEnd
        policy {
          id
          name
        }
        latestDecisions {
          id
          agentName
          agent {
            id
          }
          ruleName
          result
          actionTaken
          decidedAt
        }
      }
      evidence @include(if: $withDetails) {
        id
        kind
        title
        description
        url
        note
        status
        renewalDue
        createdAt
        reviewComment
        uploadedBy {
          id
          fullName
        }
        reviewedBy {
          id
          fullName
        }
        file {
          name
          sizeBytes
          sha256
          downloadPath
        }
      }
    }
  }
`);

export const ControlReview = graphql(`
  mutation ComplianceControlReview($input: ComplianceControlRefInput!) {
    complianceControlReview(input: $input) {
      control {
        id
        lastReviewedAt
        nextReviewDue
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ControlUnmap = graphql(`
  mutation ComplianceControlUnmap($input: ComplianceControlMappingInput!) {
    complianceControlUnmap(input: $input) {
      control {
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

export const ControlDelete = graphql(`
  mutation ComplianceControlDelete($input: ComplianceControlRefInput!) {
    complianceControlDelete(input: $input) {
      deletedControlId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const DECISION_COLOR: Record<string, string> = { PASS: 'teal', VIOLATION: 'red', ERROR: 'orange' };

/** One control: the requirements it counts for (any framework), its evidence, and the policy decisions that check it. */
export default function ControlPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const session = useSession();
  const manage = allowed(viewer, 'compliance.manage');
  const withDetails = allowed(viewer, 'compliance.read');
  const { data, loading, error, refetch } = useQuery(ControlDetailQuery, {
    variables: { id, withDetails },
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
  });
  const control = data?.complianceControl;
  const [mapping, setMapping] = useState(false);
  const [adding, setAdding] = useState(false);
  const [exception, setException] = useState<ExceptionTarget | null>(null);
  const [unmapping, setUnmapping] = useState<{ id: string; label: string } | null>(null);
  const [unmapProblems, setUnmapProblems] = useState<string[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const refetchQueries = ['ComplianceControlDetail', 'ComplianceFrameworkDetail', 'ComplianceOverview', 'ComplianceEvidenceInbox'];
  const [unmap, unmapState] = useMutation(ControlUnmap, { refetchQueries });
  const [submitEvidence] = useMutation(EvidenceSubmit, { refetchQueries });
  const [revoke] = useMutation(ExceptionRevoke, { refetchQueries });
  const [review] = useMutation(ControlReview);
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteProblems, setDeleteProblems] = useState<string[] | null>(null);
  const [remove, removeState] = useMutation(ControlDelete, {
    refetchQueries: ['ComplianceFrameworkDetail', 'ComplianceOverview'],
    update(cache, { data: result }) {
      const deleted = result?.complianceControlDelete?.deletedControlId;
      if (!deleted) return;
      cache.evict({ id: cache.identify({ __typename: 'ComplianceControl', id: deleted }) });
      cache.gc();
    },
  });
  const back = <BackLink to="/controls" label="Controls" />;

  async function confirmUnmap() {
    if (!control || !unmapping) return;
    const { problems } = await runMutation(
      () => unmap({ variables: { input: { controlId: control.id, requirementIds: [unmapping.id] } }, errorPolicy: 'all' }),
      (d) => d.complianceControlUnmap,
    );
    if (problems.length) return setUnmapProblems(problems);
    notifications.show({ color: 'teal', title: 'Mapping removed', message: `“${control.name}” no longer counts for ${unmapping.label}.` });
    setUnmapping(null);
    setUnmapProblems(null);
  }

  async function confirmDelete() {
    if (!control) return;
    const { problems } = await runMutation(
      () => remove({ variables: { input: { controlId: control.id } }, errorPolicy: 'all' }),
      (d) => d.complianceControlDelete,
    );
    if (problems.length) return setDeleteProblems(problems);
    notifications.show({ color: 'teal', title: 'Control deleted', message: `“${control.name}” no longer counts in any framework.` });
    setDeleting(false);
    setDeleteProblems(null);
    void navigate('/controls');
  }

  async function act(key: string, run: () => Promise<string[]>, done: { title: string; message: string }) {
    setBusy(key);
    const problems = await run().catch((e: unknown) => problemsOf(e).map((p) => p.message));
    setBusy(null);
    notifications.show(problems.length ? { color: 'red', title: 'That did not work', message: problems.join(' ') } : { color: 'teal', ...done });
  }

  return (
    <DetailState
      found={Boolean(control)}
      loading={loading}
      error={error}
      what="this control"
      notFoundTitle="No such control"
      icon={IconChecklist}
      back={back}
      onRetry={() => void refetch()}
    >
      {control ? (
        <>
          {back}
          <PageHeader
            title={control.name}
            description={control.description ?? undefined}
            actions={
              <>
                <ControlStatusBadge status={control.status} size="lg" />
                {manage ? (
                  <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                    Edit
                  </Button>
                ) : null}
                {manage ? (
                  <Button
                    variant="default"
                    leftSection={<IconCalendarCheck size={16} />}
                    loading={busy === 'review'}
                    onClick={() =>
                      void act(
                        'review',
                        async () =>
                          (
                            await runMutation(
                              () => review({ variables: { input: { controlId: control.id } }, errorPolicy: 'all' }),
                              (d) => d.complianceControlReview,
                            )
                          ).problems,
                        { title: 'Review recorded', message: `${control.name} was reviewed today; the next review is due by its frequency.` },
                      )
                    }
                  >
                    Mark reviewed
                  </Button>
                ) : null}
                {manage && !control.exception ? (
                  <Button
                    variant="default"
                    leftSection={<IconShieldOff size={16} />}
                    onClick={() => setException({ kind: 'control', id: control.id, label: control.name })}
                  >
                    Grant exception
                  </Button>
                ) : null}
                {manage ? (
                  <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setDeleting(true)}>
                    Delete
                  </Button>
                ) : null}
              </>
            }
          />
          <SimpleGrid cols={{ base: 1, lg: 2 }} mb="md">
            <Card withBorder padding="md" component="section" aria-label="About the control">
              <Title order={2} size="h4" mb="sm">
                About
              </Title>
              <Table verticalSpacing={6}>
                <Table.Tbody>
                  <Fact label="Checked by">
                    {[control.automated ? 'policy decisions' : null, control.evidenceRequired ? 'approved evidence' : null].filter(Boolean).join(' and ') ||
                      '—'}
                  </Fact>
                  <Fact label="Owner">{control.owner?.fullName ?? '—'}</Fact>
                  <Fact label="Review">
                    {FREQUENCY_LABEL[control.reviewFrequency]}; last <When at={control.lastReviewedAt} never="never" />
                    {control.nextReviewDue ? `, next by ${control.nextReviewDue}` : ''}
                  </Fact>
                  <Fact label="Status as of">
                    <When at={control.statusComputedAt} />
                  </Fact>
                  {control.exception ? (
                    <Fact label="Exception">
                      <Stack gap={2}>
                        <Text size="sm">{control.exception.reason}</Text>
                        <Text size="xs" c="dimmed">
                          Approved by {control.exception.approvedBy?.fullName ?? 'someone'}, until {new Date(control.exception.expiresAt).toLocaleString()}
                        </Text>
                        {manage ? (
                          <Button
                            size="xs"
                            variant="subtle"
                            color="red"
                            w="fit-content"
                            loading={busy === 'revoke'}
                            onClick={() =>
                              void act(
                                'revoke',
                                async () => {
                                  const r = await runMutation(
                                    () => revoke({ variables: { input: { exceptionId: control.exception!.id } }, errorPolicy: 'all' }),
                                    (d) => d.complianceExceptionRevoke,
                                  );
                                  return r.problems;
                                },
                                { title: 'Exception revoked', message: `${control.name} is judged on its own again.` },
                              )
                            }
                          >
                            Revoke exception
                          </Button>
                        ) : null}
                      </Stack>
                    </Fact>
                  ) : null}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder padding="md" component="section" aria-label="Mappings" data-testid="control-mappings">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  Counts towards
                </Title>
                {manage ? (
                  <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setMapping(true)}>
                    Map to requirements
                  </Button>
                ) : null}
              </Group>
              {!control.requirements ? (
                <Text size="sm" c="dimmed">
                  The requirements a control counts towards are for compliance officers and auditors.
                </Text>
              ) : control.requirements.length === 0 ? (
                <Text size="sm" c="dimmed">
                  Not mapped yet: the control counts in no framework.
                </Text>
              ) : (
                <Table verticalSpacing="xs" aria-label="Requirements this control counts towards">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Framework</Table.Th>
                      <Table.Th>Requirement</Table.Th>
                      <Table.Th>Status</Table.Th>
                      {manage ? <ActionsHeader w={50} /> : null}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(control.requirements ?? []).map((r) => (
                      <Table.Tr key={r.id} data-testid="mapping-row" data-framework-name={r.framework.name} data-requirement-code={r.code}>
                        <Table.Td>
                          {withDetails ? (
                            <Anchor component={Link} to={frameworkPath(r.framework.id)} size="sm">
                              {r.framework.name}
                            </Anchor>
                          ) : (
                            <Text size="sm">{r.framework.name}</Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            <Text span ff="monospace" size="sm">
                              {r.code}
                            </Text>{' '}
                            {r.title}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <RequirementStatusBadge status={r.status} size="sm" />
                        </Table.Td>
                        {manage ? (
                          <Table.Td>
                            <RowAction
                              label="Remove mapping"
                              ariaLabel={`Stop counting towards ${r.framework.name} ${r.code}`}
                              icon={<IconLinkOff size={16} />}
                              danger
                              onClick={() => setUnmapping({ id: r.id, label: `${r.framework.name} ${r.code}` })}
                            />
                          </Table.Td>
                        ) : null}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Card>
          </SimpleGrid>
          {withDetails ? (
            <Card withBorder padding="md" mb="md" component="section" aria-label="Evidence" data-testid="control-evidence">
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  Evidence
                </Title>
                {manage ? (
                  <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
                    Add evidence
                  </Button>
                ) : null}
              </Group>
              {(control.evidence ?? []).length === 0 ? (
                <Text size="sm" c="dimmed">
                  No evidence yet.{control.evidenceRequired ? ' The control needs approved evidence to pass.' : ''}
                </Text>
              ) : (
                <Table.ScrollContainer minWidth={760}>
                  <Table verticalSpacing="xs" aria-label="Evidence">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th>Evidence</Table.Th>
                        <Table.Th>Status</Table.Th>
                        <Table.Th>Uploaded by</Table.Th>
                        <Table.Th>Reviewed by</Table.Th>
                        <Table.Th>Renew by</Table.Th>
                        <ActionsHeader w={90} />
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {(control.evidence ?? []).map((e) => (
                        <Table.Tr key={e.id} data-testid="evidence-row" data-evidence-title={e.title} data-status={e.status}>
                          <Table.Td>
                            <Stack gap={0}>
                              <Text size="sm" fw={500}>
                                {e.title}{' '}
                                <Badge variant="outline" size="xs" styles={WHOLE}>
                                  {EVIDENCE_KIND_LABEL[e.kind]}
                                </Badge>
                              </Text>
                              {e.url ? (
                                <Anchor href={e.url} target="_blank" rel="noreferrer" size="xs">
                                  {e.url}
                                </Anchor>
                              ) : null}
                              {e.note ? (
                                <Text size="xs" c="dimmed" lineClamp={2}>
                                  {e.note}
                                </Text>
                              ) : null}
                              {e.file ? (
                                <Text size="xs" c="dimmed" title={`SHA-256 ${e.file.sha256}`}>
                                  {e.file.name} · {formatBytes(e.file.sizeBytes)} · sha256 {e.file.sha256.slice(0, 12)}…
                                </Text>
                              ) : null}
                              {e.reviewComment ? (
                                <Text size="xs" c="dimmed">
                                  Review: {e.reviewComment}
                                </Text>
                              ) : null}
                            </Stack>
                          </Table.Td>
                          <Table.Td>
                            <EvidenceStatusBadge status={e.status} size="sm" />
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{e.uploadedBy?.fullName ?? '—'}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{e.reviewedBy?.fullName ?? '—'}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm">{e.renewalDue ?? '—'}</Text>
                          </Table.Td>
                          <Table.Td>
                            <Group gap={4} wrap="nowrap" justify="flex-end">
                              {e.file ? (
                                <RowAction
                                  label="Download"
                                  ariaLabel={`Download ${e.file.name}`}
                                  icon={<IconDownload size={16} />}
                                  onClick={() =>
                                    void act(
                                      `download-${e.id}`,
                                      async () => {
                                        await downloadFile(session, e.file!.downloadPath, e.file!.name);
                                        return [];
                                      },
                                      { title: 'Downloaded', message: `${e.file!.name}, as uploaded.` },
                                    )
                                  }
                                />
                              ) : null}
                              {manage && e.kind === 'FILE' && (e.status === 'DRAFT' || e.status === 'REJECTED') ? (
                                <FileButton
                                  onChange={(file) => {
                                    if (!file) return;
                                    const problem = fileProblem(file);
                                    if (problem) return notifications.show({ color: 'red', title: 'Cannot upload this file', message: problem });
                                    void act(
                                      `upload-${e.id}`,
                                      async () => {
                                        await uploadEvidenceFile(session, e.id, file);
                                        await refetch();
                                        return [];
                                      },
                                      { title: 'File uploaded', message: `${file.name} is attached to “${e.title}”.` },
                                    );
                                  }}
                                >
                                  {(props) => (
                                    <RowAction label="Upload file" ariaLabel={`Upload the file of ${e.title}`} icon={<IconUpload size={16} />} {...props} />
                                  )}
                                </FileButton>
                              ) : null}
                              {manage && (e.status === 'DRAFT' || e.status === 'REJECTED') ? (
                                <RowAction
                                  label="Send for review"
                                  ariaLabel={`Send ${e.title} for review`}
                                  icon={<IconSend size={16} />}
                                  onClick={() =>
                                    void act(
                                      `submit-${e.id}`,
                                      async () =>
                                        (
                                          await runMutation(
                                            () => submitEvidence({ variables: { input: { evidenceId: e.id } }, errorPolicy: 'all' }),
                                            (d) => d.complianceEvidenceSubmit,
                                          )
                                        ).problems,
                                      { title: 'Sent for review', message: `“${e.title}” waits in the evidence inbox.` },
                                    )
                                  }
                                />
                              ) : null}
                            </Group>
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
            </Card>
          ) : null}
          <Card withBorder padding="md" component="section" aria-label="Automated checks" data-testid="automated-checks">
            <Title order={2} size="h4" mb="sm">
              Automated checks
            </Title>
            {control.automatedChecks.length === 0 ? (
              <Text size="sm" c="dimmed">
                No policy checks this control; it is judged by its evidence.
              </Text>
            ) : (
              <Stack>
                {control.automatedChecks
                  .flatMap((check) => (!check.policy ? [] : [{ ...check, policy: check.policy }]))
                  .map((check) => (
                    <Stack key={check.policy.id} gap="xs" data-testid="automated-check" data-passing={String(check.passing)}>
                      <Group gap="xs">
                        <Anchor component={Link} to={`/policies/${encodeURIComponent(check.policy.id)}`} fw={600} size="sm">
                          {check.policy.name}
                        </Anchor>
                        <Badge variant="light" color={check.passing ? 'teal' : 'red'} styles={WHOLE}>
                          {check.passing ? 'Passing' : `Failing for ${check.failingAgentCount} agent${check.failingAgentCount === 1 ? '' : 's'}`}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          Decisions from {check.windowStart ? new Date(check.windowStart).toLocaleString() : '—'} to{' '}
                          {check.windowEnd ? new Date(check.windowEnd).toLocaleString() : '—'}
                        </Text>
                      </Group>
                      {check.latestDecisions.length === 0 ? (
                        <Text size="xs" c="dimmed">
                          The policy has not decided on any agent yet.
                        </Text>
                      ) : (
                        <Table verticalSpacing={4} aria-label={`Latest decisions of ${check.policy.name}`}>
                          <Table.Thead>
                            <Table.Tr>
                              <Table.Th>Agent</Table.Th>
                              <Table.Th>Rule</Table.Th>
                              <Table.Th>Result</Table.Th>
                              <Table.Th>Action</Table.Th>
                              <Table.Th>Decided</Table.Th>
                            </Table.Tr>
                          </Table.Thead>
                          <Table.Tbody>
                            {check.latestDecisions.map((d) => (
                              <Table.Tr key={d.id}>
                                <Table.Td>
                                  {d.agent ? (
                                    <Anchor component={Link} to={`/agents/${encodeURIComponent(d.agent.id)}`} size="sm">
                                      {d.agentName}
                                    </Anchor>
                                  ) : (
                                    <Text size="sm">{d.agentName}</Text>
                                  )}
                                </Table.Td>
                                <Table.Td>
                                  <Text size="sm">{d.ruleName}</Text>
                                </Table.Td>
                                <Table.Td>
                                  <Badge variant="light" size="sm" color={DECISION_COLOR[d.result] ?? 'gray'} styles={WHOLE}>
                                    {words(d.result)}
                                  </Badge>
                                </Table.Td>
                                <Table.Td>
                                  <Text size="sm">{words(d.actionTaken)}</Text>
                                </Table.Td>
                                <Table.Td>
                                  <When at={d.decidedAt} />
                                </Table.Td>
                              </Table.Tr>
                            ))}
                          </Table.Tbody>
                        </Table>
                      )}
                    </Stack>
                  ))}
              </Stack>
            )}
          </Card>
          {manage ? (
            <>
              <MapModal control={mapping ? control : null} mapped={(control.requirements ?? []).map((r) => r.id)} onClose={() => setMapping(false)} />
              <EvidenceModal control={adding ? control : null} onClose={() => setAdding(false)} />
              <ExceptionModal target={exception} onClose={() => setException(null)} />
              <ControlFormModal opened={editing} control={control} onClose={() => setEditing(false)} />
              <ConfirmModal
                opened={deleting}
                title="Delete control"
                confirmLabel="Delete control"
                danger
                busy={removeState.loading}
                messages={deleteProblems}
                onConfirm={() => void confirmDelete()}
                onClose={() => {
                  setDeleting(false);
                  setDeleteProblems(null);
                }}
              >
                “{control.name}” will be deleted with its evidence, mappings and exceptions; every framework it counted in loses it, and their scores follow.
                The audit log keeps what happened.
              </ConfirmModal>
              <ConfirmModal
                opened={unmapping !== null}
                title="Remove mapping"
                confirmLabel="Remove mapping"
                danger
                busy={unmapState.loading}
                messages={unmapProblems}
                onConfirm={() => void confirmUnmap()}
                onClose={() => {
                  setUnmapping(null);
                  setUnmapProblems(null);
                }}
              >
                “{control.name}” will no longer count towards <b>{unmapping?.label}</b>; the requirement&apos;s status and the framework&apos;s score follow.
              </ConfirmModal>
            </>
          ) : null}
        </>
      ) : null}
    </DetailState>
  );
}
