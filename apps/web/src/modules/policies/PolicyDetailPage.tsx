import { useMutation, useQuery } from '@apollo/client/react';
import { Badge, Button, Card, Center, EmptyState, Group, Loader, Stack, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlayerPause, IconPlayerPlay, IconShieldOff } from '@tabler/icons-react';
import { useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { ConfirmModal } from '../../ui/ConfirmModal';
import { formatDateTime } from '../../ui/dates';
import { runMutation } from '../../ui/errors';
import { PageHeader } from '../../ui/PageHeader';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { HeldForApproval, type HeldRequest } from '../../ui/HeldForApproval';
import { PendingApprovals } from '../approvals/public';
import { BackLink } from '../../ui/BackLink';
import { ViolationsPanel } from '../violations/public';
import { DeleteAction } from '../deleted-items/public';
import { DeletedItemKind } from '../../gql/graphql';
import { EnforcementBadge, SeverityBadge } from '../../ui/badges';
import { PolicyEditor } from './PolicyEditor';
import { PolicyActivate, PolicyChangeResult, PolicyDeactivate, PolicyDetailQuery, PolicyRow } from './policy.operations';
import { getFragmentData } from '../../gql';
import { policyFormValuesOf } from './policy-form';
import { PolicyView } from './PolicyView';
import { EvaluationRunProgress, Reevaluation } from './Reevaluation';
import { VersionsPanel } from './VersionsPanel';
import { enumText } from '../../format/words';

export default function PolicyDetailPage() {
  const { id = '' } = useParams();
  const viewer = useViewer();
  const manage = allowed(viewer, 'policies.manage');
  const withRules = allowed(viewer, 'policies.readRules');
  const withViolations = allowed(viewer, 'violations.read');
  const [params, setParams] = useSearchParams();
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [messages, setMessages] = useState<string[] | null>(null);
  const [held, setHeld] = useState<HeldRequest | null>(null);
  const { data, loading, error, refetch } = useQuery(PolicyDetailQuery, { variables: { id, withRules }, errorPolicy: 'all' });
  const [activate, activateState] = useMutation(PolicyActivate, { refetchQueries: ['PolicyViolations', 'Policies'] });
  const [deactivate, deactivateState] = useMutation(PolicyDeactivate, { refetchQueries: ['PolicyViolations', 'Policies'] });
  // The page reads the row's fields too: the fragment unmasked, with what the detail query adds.
  const policy = data?.policy ? { ...data.policy, ...getFragmentData(PolicyRow, data.policy) } : null;
  const tabs = ['definition', ...(withRules ? ['versions'] : []), ...(withViolations ? ['violations'] : [])];
  const tab = tabs.includes(params.get('tab') ?? '') ? params.get('tab')! : 'definition';

  if (!policy) {
    if (loading) {
      return (
        <Center py="xl" aria-busy="true">
          <Loader />
        </Center>
      );
    }
    return (
      <Stack>
        <BackLink to="/policies" label="Policies" />
        {error ? (
          <ProblemAlert error={error} onRetry={() => void refetch()} what="reading this policy" />
        ) : (
          <EmptyState py="xl" icon={<IconShieldOff size={28} />} title="No such policy" />
        )}
      </Stack>
    );
  }

  async function toggle() {
    if (!policy) return;
    const variables = { input: { policyId: policy.id } };
    const { payload, problems } = policy.active
      ? await runMutation(
          () => deactivate({ variables, errorPolicy: 'all' }),
          (data) => getFragmentData(PolicyChangeResult, data.policyDeactivate),
        )
      : await runMutation(
          () => activate({ variables, errorPolicy: 'all' }),
          (data) => getFragmentData(PolicyChangeResult, data.policyActivate),
        );
    if (problems.length) return setMessages(problems);
    if (payload?.heldForApproval) {
      setHeld(payload.heldForApproval);
      setConfirming(false);
      setMessages(null);
      return;
    }
    notifications.show({
      color: 'teal',
      title: policy.active ? 'Policy deactivated' : 'Policy activated',
      message: `${policy.name} is ${policy.active ? 'no longer enforced' : 'enforced from now on'}.`,
    });
    setConfirming(false);
    setMessages(null);
  }

  return (
    <>
      <BackLink to="/policies" label="Policies" />
      <PageHeader
        title={policy.name}
        description={policy.description || undefined}
        actions={
          manage ? (
            <Group gap="xs">
              {policy.rules && !editing ? (
                <Button
                  variant="default"
                  leftSection={<IconPencil size={16} />}
                  onClick={() => {
                    setEditing(true);
                    setParams({}, { replace: true });
                  }}
                >
                  Edit
                </Button>
              ) : null}
              <Button
                variant={policy.active ? 'default' : 'filled'}
                color={policy.active ? undefined : 'teal'}
                leftSection={policy.active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
                onClick={() => setConfirming(true)}
              >
                {policy.active ? 'Deactivate' : 'Activate'}
              </Button>
              <DeleteAction kind={DeletedItemKind.Policy} item={policy} />
            </Group>
          ) : null
        }
      />
      <Stack>
        <Group gap="xs">
          <Badge size="lg" variant="light" color={policy.active ? 'teal' : 'gray'} data-testid="policy-active">
            {policy.active ? 'active' : 'inactive'}
          </Badge>
          <Badge size="lg" variant="default">
            version {policy.version}
          </Badge>
          <SeverityBadge severity={policy.severity} size="lg" />
          <EnforcementBadge enforcement={policy.enforcement} size="lg" />
          <Badge size="lg" variant="light" color={policy.openViolationCount ? 'red' : 'gray'}>
            {policy.openViolationCount} open violation{policy.openViolationCount === 1 ? '' : 's'}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          Created {formatDateTime(policy.createdAt)}
          {policy.createdBy ? ` by ${policy.createdBy.fullName}` : ''} · last judged an agent {formatDateTime(policy.lastEvaluatedAt)}
        </Text>
        {held ? (
          <HeldForApproval request={held} title="Your change waits for approval: the policy is unchanged" onClose={() => setHeld(null)}>
            <Text size="sm">Changes to a policy in block mode need a compliance officer or an admin other than their author.</Text>
          </HeldForApproval>
        ) : null}
        {allowed(viewer, 'approvals.read') ? <PendingApprovals policyId={policy.id} except={held?.id} /> : null}
        {manage ? (
          <Card withBorder padding="md">
            <Reevaluation
              policyId={policy.id}
              active={policy.active}
              latestRunId={getFragmentData(EvaluationRunProgress, policy.latestEvaluationRun)?.id ?? null}
            />
          </Card>
        ) : null}
        <Tabs value={tab} onChange={(value) => setParams(value && value !== 'definition' ? { tab: value } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List mb="md">
            <Tabs.Tab value="definition">{editing ? 'Editing' : 'Definition'}</Tabs.Tab>
            {withRules ? <Tabs.Tab value="versions">Versions</Tabs.Tab> : null}
            {withViolations ? <Tabs.Tab value="violations">Violations</Tabs.Tab> : null}
          </Tabs.List>
          <Tabs.Panel value="definition">
            {manage && policy.rules && editing ? (
              <PolicyEditor
                key={`${policy.id}@${policy.version}`}
                policyId={policy.id}
                version={policy.version}
                initial={policyFormValuesOf(policy)}
                onSaved={() => setEditing(false)}
                onHeld={(request) => {
                  setEditing(false);
                  setHeld(request);
                }}
                onCancel={() => setEditing(false)}
              />
            ) : (
              <PolicyView policy={policy} />
            )}
          </Tabs.Panel>
          {withRules ? (
            <Tabs.Panel value="versions">
              <VersionsPanel policyId={policy.id} current={policy.version} />
            </Tabs.Panel>
          ) : null}
          {withViolations ? (
            <Tabs.Panel value="violations">
              <ViolationsPanel policyId={policy.id} />
            </Tabs.Panel>
          ) : null}
        </Tabs>
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={policy.active ? 'Deactivate policy' : 'Activate policy'}
        confirmLabel={policy.active ? 'Deactivate' : 'Activate'}
        danger={policy.active}
        busy={activateState.loading || deactivateState.loading}
        messages={messages}
        onConfirm={() => void toggle()}
        onClose={() => {
          setConfirming(false);
          setMessages(null);
        }}
      >
        {policy.active
          ? `Stop enforcing ${policy.name}? Changes to agents are no longer judged against it, and its open violations no longer count against compliance.`
          : `Start enforcing ${policy.name}? Every change to an agent in its scope is judged against it from now on (${enumText(policy.enforcement)} mode).`}
      </ConfirmModal>
    </>
  );
}
