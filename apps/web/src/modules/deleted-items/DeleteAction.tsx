import { useApolloClient, useMutation } from '@apollo/client/react';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { getFragmentData } from '../../gql';
import { DeletedItemKind } from '../../gql/graphql';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { formatDateTime } from '../../ui/dates';
import { runMutation } from '../../ui/errors';
import { AgentDelete, DeletedItemFields } from './deleted-item.operations';
import { BudgetSoftDelete, PolicyDelete, SkillDelete, WorkflowDelete } from './delete.operations';

/** Each kind's noun, its list page (where the caller lands once it is deleted) and the query field that lists it. */
/** Kinds deleted from their own page; members are removed from the members page. */
export type PageKind = Exclude<DeletedItemKind, typeof DeletedItemKind.Member>;

const KINDS: Record<PageKind, { noun: string; list: string; field: string }> = {
  [DeletedItemKind.Agent]: { noun: 'agent', list: '/agents', field: 'agents' },
  [DeletedItemKind.Policy]: { noun: 'policy', list: '/policies', field: 'policies' },
  [DeletedItemKind.Skill]: { noun: 'skill', list: '/skills', field: 'skills' },
  [DeletedItemKind.Budget]: { noun: 'budget', list: '/budgets', field: 'budgets' },
  [DeletedItemKind.Workflow]: { noun: 'workflow', list: '/workflows', field: 'workflows' },
};

const REFETCH = ['RecentlyDeleted', 'Agents', 'Policies', 'Skills', 'Budgets', 'Workflows'];

function useDelete() {
  const options = { refetchQueries: REFETCH };
  const [agent, a] = useMutation(AgentDelete, options);
  const [policy, p] = useMutation(PolicyDelete, options);
  const [skill, s] = useMutation(SkillDelete, options);
  const [budget, b] = useMutation(BudgetSoftDelete, options);
  const [workflow, w] = useMutation(WorkflowDelete, options);
  const busy = a.loading || p.loading || s.loading || b.loading || w.loading;
  async function remove(kind: PageKind, id: string) {
    const variables = { input: { id } };
    const errorPolicy = 'all' as const;
    switch (kind) {
      case DeletedItemKind.Agent:
        return runMutation(
          () => agent({ variables, errorPolicy }),
          (d) => d.agentDelete,
        );
      case DeletedItemKind.Policy:
        return runMutation(
          () => policy({ variables, errorPolicy }),
          (d) => d.policyDelete,
        );
      case DeletedItemKind.Skill:
        return runMutation(
          () => skill({ variables, errorPolicy }),
          (d) => d.skillDelete,
        );
      case DeletedItemKind.Budget:
        return runMutation(
          () => budget({ variables: { input: { budgetId: id } }, errorPolicy }),
          (d) => d.budgetDelete,
        );
      case DeletedItemKind.Workflow:
        return runMutation(
          () => workflow({ variables, errorPolicy }),
          (d) => d.workflowDelete,
        );
    }
  }
  return { remove, busy };
}

/**
 * Deletes an agent, policy, skill, budget or workflow softly, after asking; says until when it can be restored
 * from Recently deleted, then goes back to the kind's list. The page shows it only to those who may delete.
 */
export function DeleteAction({ kind, item }: { kind: PageKind; item: { id: string; name: string } }) {
  const [open, setOpen] = useState(false);
  const [messages, setMessages] = useState<string[] | null>(null);
  const { remove, busy } = useDelete();
  const navigate = useNavigate();
  const { cache } = useApolloClient();
  const { noun, list, field } = KINDS[kind];

  async function confirm() {
    const { payload, problems } = await remove(kind, item.id);
    const deleted = getFragmentData(DeletedItemFields, payload?.deleted);
    if (problems.length || !deleted) {
      setMessages(problems.length ? problems : [`The ${noun} could not be deleted.`]);
      return;
    }
    setOpen(false);
    // The list is not on screen, so refetchQueries skips it: drop the cached pages, and it loads afresh when opened.
    cache.evict({ id: 'ROOT_QUERY', fieldName: field });
    cache.evict({ id: 'ROOT_QUERY', fieldName: 'recentlyDeleted' });
    cache.gc();
    notifications.show({
      color: 'teal',
      title: `${deleted.name} deleted`,
      message: `It can be restored until ${formatDateTime(deleted.restorableUntil)} from Recently deleted.`,
    });
    navigate(list);
  }

  return (
    <>
      <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setOpen(true)}>
        Delete
      </Button>
      <ConfirmModal
        opened={open}
        title={`Delete ${item.name}?`}
        confirmLabel="Delete"
        danger
        busy={busy}
        messages={messages}
        onConfirm={() => void confirm()}
        onClose={() => {
          setOpen(false);
          setMessages(null);
        }}
      >
        It disappears from every list at once. It can be restored from Recently deleted until its plan’s retention period ends (the exact date is shown once
        deleted); after that it is purged for good.
      </ConfirmModal>
    </>
  );
}
