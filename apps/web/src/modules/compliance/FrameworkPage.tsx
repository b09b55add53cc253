import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileExport, IconListCheck, IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { formatDay } from '../../format/days';
import { getFragmentData, graphql } from '../../gql';
import type { RequirementRowFragment } from '../../gql/graphql';
import { BackLink } from '../../ui/BackLink';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { DetailState } from '../../ui/DetailState';
import { runMutation } from '../../ui/errors';
import { Fact } from '../../ui/Fact';
import { PageHeader } from '../../ui/PageHeader';
import { When } from '../../ui/When';
import { ExceptionModal, type ExceptionTarget } from './ExceptionModal';
import { FrameworkEditModal } from './FrameworkEditModal';
import { NotApplicableModal, RequirementMarkApplicable } from './NotApplicableModal';
import { RequirementFormModal, type RequirementFormTarget } from './RequirementFormModal';
import { descendantCount, RequirementRow, RequirementTree, StatusCounts } from './RequirementTree';
import { ScoreRing } from './ScoreRing';

export const FrameworkDetailQuery = graphql(`
  query ComplianceFrameworkDetail($id: ID!) {
    complianceFramework(id: $id) {
      id
      name
      version
      description
      enabled
      templateKey
      certifiedOn
      expiresOn
      auditor
      score
      lastAssessedAt
      requirementCount
      metRequirementCount
      applicableRequirementCount
      requirements {
        id
        ...RequirementRow
      }
    }
  }
`);

export const RequirementMove = graphql(`
  mutation ComplianceRequirementMove($input: ComplianceRequirementMoveInput!) {
    complianceRequirementMove(input: $input) {
      requirement {
        id
        position
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const RequirementDelete = graphql(`
  mutation ComplianceRequirementDelete($input: ComplianceRequirementRefInput!) {
    complianceRequirementDelete(input: $input) {
      deletedRequirementId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

const longDay = (day: string | null | undefined) => (day ? formatDay(day, { month: 'short', day: 'numeric', year: 'numeric' }) : '—');

/** One framework: its score, certification, and the requirement tree with each requirement's status and controls. */
export default function FrameworkPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const manage = allowed(viewer, 'compliance.manage');
  const exportable = allowed(viewer, 'compliance.export');
  const { data, loading, error, refetch } = useQuery(FrameworkDetailQuery, { variables: { id }, errorPolicy: 'all', fetchPolicy: 'cache-and-network' });
  const framework = data?.complianceFramework;
  const requirements = getFragmentData(RequirementRow, framework?.requirements) ?? [];
  const [notApplicable, setNotApplicable] = useState<RequirementRowFragment | null>(null);
  const [applicable, setApplicable] = useState<RequirementRowFragment | null>(null);
  const [applicableProblems, setApplicableProblems] = useState<string[] | null>(null);
  const [exception, setException] = useState<ExceptionTarget | null>(null);
  const [editing, setEditing] = useState(false);
  const [markApplicable, markState] = useMutation(RequirementMarkApplicable, { refetchQueries: ['ComplianceFrameworkDetail', 'ComplianceOverview'] });
  const [requirementForm, setRequirementForm] = useState<RequirementFormTarget | null>(null);
  const [deleting, setDeleting] = useState<RequirementRowFragment | null>(null);
  const [deleteProblems, setDeleteProblems] = useState<string[] | null>(null);
  const [move] = useMutation(RequirementMove, { refetchQueries: ['ComplianceFrameworkDetail'], awaitRefetchQueries: true });
  const [remove, removeState] = useMutation(RequirementDelete, {
    refetchQueries: ['ComplianceFrameworkDetail', 'ComplianceOverview'],
    awaitRefetchQueries: true,
    update(cache, { data: result }) {
      const deleted = result?.complianceRequirementDelete?.deletedRequirementId;
      if (deleted) cache.evict({ id: cache.identify({ __typename: 'ComplianceRequirement', id: deleted }) });
    },
  });
  const back = <BackLink to="/compliance" label="Compliance" />;

  async function confirmApplicable() {
    if (!applicable) return;
    const { problems } = await runMutation(
      () => markApplicable({ variables: { input: { requirementId: applicable.id } }, errorPolicy: 'all' }),
      (d) => d.complianceRequirementMarkApplicable,
    );
    if (problems.length) return setApplicableProblems(problems);
    notifications.show({ color: 'teal', title: 'Applicable again', message: `${applicable.code} counts towards the score again.` });
    setApplicable(null);
    setApplicableProblems(null);
  }

  async function moveRequirement(requirement: RequirementRowFragment, position: number) {
    const { problems } = await runMutation(
      () => move({ variables: { input: { requirementId: requirement.id, position } }, errorPolicy: 'all' }),
      (d) => d.complianceRequirementMove,
    );
    notifications.show(
      problems.length
        ? { color: 'red', title: 'Not moved', message: problems.join(' ') }
        : { color: 'teal', title: 'Requirement moved', message: `${requirement.code} is now number ${position + 1} among its siblings.` },
    );
  }

  async function confirmDelete() {
    if (!deleting) return;
    const { problems } = await runMutation(
      () => remove({ variables: { input: { requirementId: deleting.id } }, errorPolicy: 'all' }),
      (d) => d.complianceRequirementDelete,
    );
    if (problems.length) return setDeleteProblems(problems);
    notifications.show({ color: 'teal', title: 'Requirement deleted', message: `${deleting.code} is no longer part of the framework.` });
    setDeleting(null);
    setDeleteProblems(null);
  }

  const below = deleting ? descendantCount(requirements, deleting.id) : 0;

  return (
    <DetailState
      found={Boolean(framework)}
      loading={loading}
      error={error}
      what="this framework"
      notFoundTitle="No such framework"
      icon={IconListCheck}
      back={back}
      onRetry={() => void refetch()}
    >
      {framework ? (
        <>
          {back}
          <PageHeader
            title={`${framework.name} ${framework.version}`}
            description={framework.description ?? undefined}
            actions={
              <>
                {manage ? (
                  <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                    Edit certification
                  </Button>
                ) : null}
                {exportable ? (
                  <Button
                    variant="default"
                    component={Link}
                    to={`/compliance/exports?framework=${encodeURIComponent(framework.id)}`}
                    leftSection={<IconFileExport size={16} />}
                  >
                    Export for auditors
                  </Button>
                ) : null}
              </>
            }
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} mb="md">
            <Card withBorder padding="md" component="section" aria-label="Readiness">
              <Title order={2} size="h4" mb="sm">
                Readiness
              </Title>
              <Group wrap="nowrap">
                <ScoreRing score={framework.score} name={framework.name} size={120} />
                <Stack gap={4}>
                  <Text size="sm" data-testid="framework-met">
                    {framework.metRequirementCount} of {framework.applicableRequirementCount} applicable requirements met
                  </Text>
                  <Text size="xs" c="dimmed">
                    {framework.requirementCount} requirements in all · assessed <When at={framework.lastAssessedAt} never="not yet" />
                  </Text>
                  <StatusCounts requirements={requirements} />
                </Stack>
              </Group>
            </Card>
            <Card withBorder padding="md" component="section" aria-label="Certification">
              <Title order={2} size="h4" mb="sm">
                Certification
              </Title>
              <Table verticalSpacing={6}>
                <Table.Tbody>
                  <Fact label="Certified on">{longDay(framework.certifiedOn)}</Fact>
                  <Fact label="Expires on">{longDay(framework.expiresOn)}</Fact>
                  <Fact label="Auditor">{framework.auditor ?? '—'}</Fact>
                  <Fact label="Template">{framework.templateKey ?? 'Written by hand'}</Fact>
                </Table.Tbody>
              </Table>
            </Card>
          </SimpleGrid>
          <Card withBorder padding="md" component="section" aria-label="Requirements">
            <Group justify="space-between" mb="sm">
              <Title order={2} size="h4">
                Requirements
              </Title>
              <Group gap="sm" wrap="nowrap">
                <Text size="xs" c="dimmed">
                  A requirement is met when every control mapped to it passes (or its children are met); map controls from a control&apos;s page.
                </Text>
                {manage ? (
                  <Button
                    size="xs"
                    leftSection={<IconPlus size={14} />}
                    onClick={() => setRequirementForm({ kind: 'create', frameworkId: framework.id, parent: null })}
                  >
                    Add requirement
                  </Button>
                ) : null}
              </Group>
            </Group>
            {requirements.length === 0 ? (
              <Text size="sm" c="dimmed">
                This framework has no requirements yet.
              </Text>
            ) : (
              <RequirementTree
                requirements={requirements}
                manage={manage}
                actions={{
                  onNotApplicable: setNotApplicable,
                  onApplicable: setApplicable,
                  onException: (r) => setException({ kind: 'requirement', id: r.id, label: `${r.code} ${r.title}` }),
                  onEdit: (r) => setRequirementForm({ kind: 'edit', requirement: r }),
                  onAddChild: (r) => setRequirementForm({ kind: 'create', frameworkId: framework.id, parent: { id: r.id, code: r.code } }),
                  onMove: (r, position) => void moveRequirement(r, position),
                  onDelete: setDeleting,
                }}
              />
            )}
          </Card>
          {manage ? (
            <>
              <NotApplicableModal requirement={notApplicable} onClose={() => setNotApplicable(null)} />
              <ExceptionModal target={exception} onClose={() => setException(null)} />
              <FrameworkEditModal opened={editing} framework={framework} onClose={() => setEditing(false)} />
              <RequirementFormModal target={requirementForm} onClose={() => setRequirementForm(null)} />
              <ConfirmModal
                opened={deleting !== null}
                title="Delete requirement"
                confirmLabel="Delete requirement"
                danger
                busy={removeState.loading}
                messages={deleteProblems}
                onConfirm={() => void confirmDelete()}
                onClose={() => {
                  setDeleting(null);
                  setDeleteProblems(null);
                }}
              >
                <b>{deleting?.code}</b> {deleting?.title}
                {below ? ` and the ${below} requirement${below === 1 ? '' : 's'} under it` : ''} will be removed from the framework, with their mappings and
                exceptions. Controls stay.
              </ConfirmModal>
              <ConfirmModal
                opened={applicable !== null}
                title="Mark applicable"
                confirmLabel="Mark applicable"
                busy={markState.loading}
                messages={applicableProblems}
                onConfirm={() => void confirmApplicable()}
                onClose={() => {
                  setApplicable(null);
                  setApplicableProblems(null);
                }}
              >
                <b>{applicable?.code}</b> {applicable?.title} will count towards the score again.
              </ConfirmModal>
            </>
          ) : null}
        </>
      ) : null}
    </DetailState>
  );
}
