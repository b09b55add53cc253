import { useQuery } from '@apollo/client/react';
import { IconGitBranch } from '@tabler/icons-react';
import { useParams, useSearchParams } from 'react-router';
import { getFragmentData } from '../../gql';
import { BackLink } from '../../ui/BackLink';
import { DetailState } from '../../ui/DetailState';
import { PageHeader } from '../../ui/PageHeader';
import { emptyGraph, readGraph } from './graph';
import { WorkflowDetail, WorkflowQuery, WorkflowRow } from './workflow.operations';
import { WorkflowForm } from './WorkflowForm';

export function WorkflowCreatePage() {
  return (
    <>
      <BackLink to="/workflows" label="Workflows" />
      <PageHeader title="New workflow" description="Draw its steps from the start to an end; every step is checked as you go." />
      <WorkflowForm initialGraph={emptyGraph()} />
    </>
  );
}

/** Edits the current version, or (?from=N) starts from an earlier one; saving makes the next version either way. */
export function WorkflowEditPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { data, loading, error, refetch } = useQuery(WorkflowQuery, { variables: { id }, errorPolicy: 'all', fetchPolicy: 'cache-and-network' });
  const detail = getFragmentData(WorkflowDetail, data?.workflow);
  const workflow = detail ? { ...getFragmentData(WorkflowRow, detail), ...detail } : null;
  const from = Number(params.get('from'));
  const base = workflow?.versions.find((v) => v.version === from)?.graph ?? workflow?.graph;
  return (
    <DetailState
      found={Boolean(workflow)}
      loading={loading}
      error={error}
      what="this workflow"
      notFoundTitle="No such workflow"
      icon={IconGitBranch}
      back={<BackLink to="/workflows" label="Workflows" />}
      onRetry={() => void refetch()}
    >
      {workflow ? (
        <>
          <BackLink to={`/workflows/${encodeURIComponent(workflow.id)}`} label={workflow.name} />
          <PageHeader
            title={`Edit ${workflow.name}`}
            description={
              from && from !== workflow.version ? `Starting from version ${from}. ` : 'Executions already running keep the version they started with.'
            }
          />
          <WorkflowForm
            key={`${workflow.id}@${workflow.version}`}
            workflowId={workflow.id}
            version={workflow.version}
            initial={{
              name: workflow.name,
              description: workflow.description,
              type: workflow.type,
              triggerKind: workflow.trigger.kind,
              cron: workflow.trigger.cron ?? '',
              event: workflow.trigger.event ?? null,
            }}
            initialGraph={readGraph(base)}
          />
        </>
      ) : null}
    </DetailState>
  );
}
