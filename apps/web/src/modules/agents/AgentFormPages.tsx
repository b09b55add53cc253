import { useQuery } from '@apollo/client/react';
import { Center, Loader, Stack } from '@mantine/core';
import { useParams } from 'react-router';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { AgentDetailQuery, readAgent } from './agent.operations';
import { formValuesOf } from './agent-form';
import { BackLink } from '../../ui/BackLink';
import { AgentForm } from './AgentForm';

export function AgentCreatePage() {
  return (
    <>
      <BackLink to="/agents" label="Agents" />
      <PageHeader title="Register an agent" description="It starts as a draft; the policies in force judge it now and again when it is deployed." />
      <AgentForm />
    </>
  );
}

export function AgentEditPage() {
  const { id = '' } = useParams();
  const { data, loading, error, refetch } = useQuery(AgentDetailQuery, {
    variables: { id, withConfiguration: true, withCost: true },
    errorPolicy: 'all',
    fetchPolicy: 'cache-and-network',
  });
  const agent = data?.agent ? readAgent(data.agent) : null;
  if (!agent) {
    return loading ? (
      <Center py="xl" aria-busy="true">
        <Loader />
      </Center>
    ) : (
      <Stack>
        <BackLink to="/agents" label="Agents" />
        <ProblemAlert error={error ?? new Error('No such agent')} onRetry={() => void refetch()} what="reading this agent" />
      </Stack>
    );
  }
  return (
    <>
      <BackLink to={`/agents/${encodeURIComponent(agent.id)}`} label={agent.name} />
      <PageHeader
        title={`Edit ${agent.name}`}
        description="Saving judges the changed agent against the policies in force; a policy in block mode can refuse it."
      />
      <AgentForm key={agent.id} agentId={agent.id} initial={formValuesOf(agent)} initialArchitectureName={agent.architecture?.name} />
    </>
  );
}
