import { useMutation, useQuery } from '@apollo/client/react';
import { Anchor, Card, SegmentedControl, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { graphql } from '../../gql';
import { BackLink } from '../../ui/BackLink';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { runMutation } from '../../ui/errors';
import { ListState } from '../../ui/ListState';
import { PageHeader } from '../../ui/PageHeader';
import { ActionsHeader, RowAction } from '../../ui/RowActions';
import { When } from '../../ui/When';
import { ExceptionRevoke } from './ExceptionModal';
import { frameworkPath } from './FrameworkCard';
import { controlPath } from './paths';

export const ExceptionsQuery = graphql(`
  query ComplianceExceptions($activeOnly: Boolean) {
    complianceExceptions(first: 100, filter: { activeOnly: $activeOnly }) {
      totalCount
      nodes {
        id
        reason
        active
        approvedAt
        expiresAt
        revokedAt
        approvedBy {
          id
          fullName
        }
        control {
          id
          name
        }
        requirement {
          id
          code
          title
          framework {
            id
            name
          }
        }
      }
    }
  }
`);

/** Controls and requirements exempted, with reason, approver and expiry. */
export default function ExceptionsPage() {
  const viewer = useViewer();
  const manage = allowed(viewer, 'compliance.manage');
  const [view, setView] = useState('active');
  const { data, loading, error, refetch } = useQuery(ExceptionsQuery, { variables: { activeOnly: view === 'active' }, errorPolicy: 'all' });
  const [revoke, revokeState] = useMutation(ExceptionRevoke, { refetchQueries: ['ComplianceExceptions', 'ComplianceOverview'] });
  const [revoking, setRevoking] = useState<{ id: string; label: string } | null>(null);
  const [problems, setProblems] = useState<string[] | null>(null);
  const exceptions = data?.complianceExceptions?.nodes ?? [];

  async function confirmRevoke() {
    if (!revoking) return;
    const result = await runMutation(
      () => revoke({ variables: { input: { exceptionId: revoking.id } }, errorPolicy: 'all' }),
      (d) => d.complianceExceptionRevoke,
    );
    if (result.problems.length) return setProblems(result.problems);
    notifications.show({ color: 'teal', title: 'Exception revoked', message: `${revoking.label} is judged on its own again.` });
    setRevoking(null);
    setProblems(null);
  }

  return (
    <>
      <BackLink to="/compliance" label="Compliance" />
      <PageHeader title="Exceptions" description="Controls and requirements exempted for a time: they count as passing or met until the exception ends." />
      <Card withBorder padding="md">
        <SegmentedControl
          mb="md"
          aria-label="Which exceptions"
          value={view}
          onChange={setView}
          data={[
            { value: 'active', label: 'In force' },
            { value: 'all', label: 'All' },
          ]}
        />
        <ListState
          loading={loading && !data}
          error={error}
          empty={data != null && exceptions.length === 0}
          emptyTitle="No exceptions"
          what="exceptions"
          onRetry={() => void refetch()}
        >
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" aria-label="Exceptions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Exempts</Table.Th>
                  <Table.Th>Reason</Table.Th>
                  <Table.Th>Approved</Table.Th>
                  <Table.Th>Ends</Table.Th>
                  {manage ? <ActionsHeader w={50} /> : null}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {exceptions.map((x) => {
                  const label = x.control ? x.control.name : x.requirement ? `${x.requirement.framework.name} ${x.requirement.code}` : 'Removed object';
                  return (
                    <Table.Tr key={x.id} data-testid="exception-row">
                      <Table.Td>
                        {x.control ? (
                          <Anchor component={Link} to={controlPath(x.control.id)} size="sm">
                            {x.control.name}
                          </Anchor>
                        ) : x.requirement ? (
                          <Anchor component={Link} to={frameworkPath(x.requirement.framework.id)} size="sm">
                            {x.requirement.framework.name} {x.requirement.code} {x.requirement.title}
                          </Anchor>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{x.reason}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{x.approvedBy?.fullName ?? '—'}</Text>
                        <When at={x.approvedAt} />
                      </Table.Td>
                      <Table.Td>
                        {x.revokedAt ? (
                          <Text size="sm">
                            revoked <When at={x.revokedAt} />
                          </Text>
                        ) : (
                          <When at={x.expiresAt} />
                        )}
                      </Table.Td>
                      {manage ? (
                        <Table.Td>
                          {x.active ? (
                            <RowAction
                              label="Revoke"
                              ariaLabel={`Revoke the exception for ${label}`}
                              icon={<IconTrash size={16} />}
                              danger
                              onClick={() => setRevoking({ id: x.id, label })}
                            />
                          ) : null}
                        </Table.Td>
                      ) : null}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </ListState>
      </Card>
      <ConfirmModal
        opened={revoking !== null}
        title="Revoke exception"
        confirmLabel="Revoke exception"
        danger
        busy={revokeState.loading}
        messages={problems}
        onConfirm={() => void confirmRevoke()}
        onClose={() => {
          setRevoking(null);
          setProblems(null);
        }}
      >
        <b>{revoking?.label}</b> will be judged on its own again; the score follows.
      </ConfirmModal>
    </>
  );
}
