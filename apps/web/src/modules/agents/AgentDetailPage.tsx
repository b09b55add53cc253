import { useQuery } from '@apollo/client/react';
import { useLiveCache } from '../../app/apollo/useLive';
import { Badge, Button, Center, EmptyState, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { IconPencil, IconRobotOff } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { allowed } from '../../app/access';
import { BackLink } from '../../ui/BackLink';
import { useViewer } from '../../app/shell/viewer';
import { AgentStatus, DeletedItemKind } from '../../gql/graphql';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { AgentSpend } from '../costs/public';
import { ViolationsPanel } from '../violations/public';
import { PendingApprovals } from '../approvals/public';
import { AgentTasks } from '../workflows/public';
import { AgentActivity } from './AgentActivity';
import { AgentHealth } from './AgentHealth';
import { AgentStatusBadge, ComplianceBadge } from '../../ui/badges';
import { AgentChannels } from './AgentChannels';
import { AgentConfiguration } from './AgentConfiguration';
import { AgentOverview, AgentPolicies } from './AgentOverview';
import { AgentSkills } from './AgentSkills';
import { AgentChangedSubscription, AgentDetailQuery, readAgent } from './agent.operations';
import { agentTabs, type AgentTab as Tab } from './agent-tabs';
import { LifecycleActions } from './LifecycleActions';
import { DeleteAction } from '../deleted-items/public';
import { PolicyOutcome, type PolicyOutcomeValue } from './PolicyOutcome';

export default function AgentDetailPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const manage = allowed(viewer, 'agents.manage');
  const visible = agentTabs(viewer);
  const withConfiguration = visible.includes('configuration');
  const withCost = allowed(viewer, 'agents.readCost');
  const withViolations = visible.includes('violations');
  const withTasks = visible.includes('tasks');
  const [outcome, setOutcome] = useState<PolicyOutcomeValue | null>(() => (location.state as { outcome?: PolicyOutcomeValue } | null)?.outcome ?? null);
  const { data, loading, error, refetch } = useQuery(AgentDetailQuery, { variables: { id, withConfiguration, withCost }, errorPolicy: 'all' });
  const agent = data?.agent ? readAgent(data.agent) : null;
  // The lifecycle badge follows changes made elsewhere: the agent's new status lands in the cache by its id.
  useLiveCache(AgentChangedSubscription, { agentId: id });
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = requested && visible.includes(requested) ? requested : 'overview';

  if (!agent) {
    if (loading) {
      return (
        <Center py="xl" aria-busy="true">
          <Loader />
        </Center>
      );
    }
    return (
      <Stack>
        <BackLink to="/agents" label="Agents" />
        {error ? (
          <ProblemAlert error={error} onRetry={() => void refetch()} what="reading this agent" />
        ) : (
          <EmptyState
            py="xl"
            icon={<IconRobotOff size={28} />}
            title="No such agent"
            description="It may have been removed, or it belongs to another tenant."
          />
        )}
      </Stack>
    );
  }

  const writable = agent.status !== AgentStatus.Archived;
  return (
    <>
      <BackLink to="/agents" label="Agents" />
      <PageHeader
        title={agent.name}
        description={agent.description || undefined}
        actions={
          manage ? (
            <>
              {writable ? (
                <>
                  <Button variant="default" component={Link} to={`/agents/${encodeURIComponent(agent.id)}/edit`} leftSection={<IconPencil size={16} />}>
                    Edit
                  </Button>
                  <LifecycleActions agent={agent} onOutcome={setOutcome} />
                </>
              ) : null}
              {agent.status !== AgentStatus.Deployed ? <DeleteAction kind={DeletedItemKind.Agent} item={agent} /> : null}
            </>
          ) : null
        }
      />
      <Stack>
        <Group gap="xs">
          <AgentStatusBadge status={agent.status} size="lg" />
          <ComplianceBadge status={agent.complianceStatus} size="lg" />
          {!writable ? (
            <Text size="sm" c="dimmed">
              Archived agents are kept for the record and can no longer change.
            </Text>
          ) : null}
        </Group>
        {error ? <ProblemAlert error={error} what="reading parts of this agent" /> : null}
        <PolicyOutcome outcome={outcome} canWaive={allowed(viewer, 'violations.waive')} onClose={() => setOutcome(null)} />
        {allowed(viewer, 'approvals.read') ? <PendingApprovals agentId={agent.id} except={outcome?.held?.request.id} /> : null}
        <Tabs value={tab} onChange={(value) => setParams(value && value !== 'overview' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="overview">Overview</Tabs.Tab>
            <Tabs.Tab value="health">Health</Tabs.Tab>
            {withConfiguration ? <Tabs.Tab value="configuration">Configuration</Tabs.Tab> : null}
            <Tabs.Tab value="skills" rightSection={<CountBadge n={agent.skills.length} />}>
              Skills
            </Tabs.Tab>
            <Tabs.Tab value="channels" rightSection={<CountBadge n={agent.channels.length} />}>
              Channels
            </Tabs.Tab>
            <Tabs.Tab value="activity">Activity</Tabs.Tab>
            {withTasks ? <Tabs.Tab value="tasks">AI tasks</Tabs.Tab> : null}
            {withViolations ? <Tabs.Tab value="violations">Violations</Tabs.Tab> : null}
            <Tabs.Tab value="policies" rightSection={<CountBadge n={agent.policiesInScope.length} />}>
              Policies
            </Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="overview">
            <Stack>
              <AgentOverview agent={agent} withCost={withCost} />
              {allowed(viewer, 'costs.readAmounts') ? <AgentSpend agentId={agent.id} /> : null}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="health">
            <AgentHealth agentId={agent.id} />
          </Tabs.Panel>
          {withConfiguration ? (
            <Tabs.Panel value="configuration">
              <AgentConfiguration configuration={agent.configuration} toolPolicy={agent.toolPolicy} />
            </Tabs.Panel>
          ) : null}
          <Tabs.Panel value="skills">
            <AgentSkills agent={agent} manage={manage && writable} withConfig={withConfiguration} />
          </Tabs.Panel>
          <Tabs.Panel value="channels">
            <AgentChannels agent={agent} manage={manage && writable} withConfig={withConfiguration} />
          </Tabs.Panel>
          <Tabs.Panel value="activity">
            <AgentActivity agentId={agent.id} />
          </Tabs.Panel>
          {withTasks ? (
            <Tabs.Panel value="tasks">
              <AgentTasks agentId={agent.id} withCost={allowed(viewer, 'costs.readAmounts')} withExecutions={withViolations} />
            </Tabs.Panel>
          ) : null}
          {withViolations ? (
            <Tabs.Panel value="violations">
              <ViolationsPanel agentId={agent.id} initialStatuses={[]} />
            </Tabs.Panel>
          ) : null}
          <Tabs.Panel value="policies">
            <AgentPolicies policies={agent.policiesInScope} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}

function CountBadge({ n }: { n: number }) {
  return (
    <Badge size="xs" variant="light" color="gray" circle={n < 10}>
      {n}
    </Badge>
  );
}
