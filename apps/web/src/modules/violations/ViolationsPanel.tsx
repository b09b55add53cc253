import { useQuery } from '@apollo/client/react';
import { Group, MultiSelect, Select, Stack } from '@mantine/core';
import { useState } from 'react';
import { allowed } from '../../app/access';
import { useViewer } from '../../app/shell/viewer';
import { getFragmentData, graphql } from '../../gql';
import { PolicySeverity, PolicyViolationStatus, type ViolationRowFragment } from '../../gql/graphql';
import { RefreshButton } from '../../ui/FilterBar';
import { ListState } from '../../ui/ListState';
import { LoadMore } from '../../ui/LoadMore';
import { words } from '../../format/words';
import { severityOptions } from '../../ui/badges';
import { useLiveViolations } from './live-violations';
import { RevokeWaiverModal } from './RevokeWaiverModal';
import { PolicyViolationsQuery, ViolationRow } from './violation.operations';
import { ViolationsTable } from './ViolationsTable';
import { WaiveModal } from './WaiveModal';

const PolicyOptions = graphql(`
  query ViolationPolicyOptions {
    policies(first: 100) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

export const statusOptions = Object.values(PolicyViolationStatus).map((value) => ({ value, label: words(value) }));
/** What needs someone's attention: what stands now, and what was refused. */
export const ATTENTION = [PolicyViolationStatus.Open, PolicyViolationStatus.Blocked];

interface ViolationsPanelProps {
  /** Only this agent's violations (the agent page): no agent column or filter. */
  agentId?: string;
  /** Only this policy's violations (the policy page): no policy column or filter. */
  policyId?: string;
  initialStatuses?: PolicyViolationStatus[];
}

/** Violations with filters; admins waive open and blocked ones with a reason, and revoke waivers. */
export function ViolationsPanel({ agentId, policyId, initialStatuses = ATTENTION }: ViolationsPanelProps) {
  const viewer = useViewer();
  const waiver = allowed(viewer, 'violations.waive');
  const [statuses, setStatuses] = useState<PolicyViolationStatus[]>(initialStatuses);
  const [severities, setSeverities] = useState<PolicySeverity[]>([]);
  const [policy, setPolicy] = useState<string | null>(null);
  const [waiving, setWaiving] = useState<ViolationRowFragment | null>(null);
  const [revoking, setRevoking] = useState<ViolationRowFragment | null>(null);
  const policies = useQuery(PolicyOptions, { skip: Boolean(policyId), errorPolicy: 'all' });
  const { data, previousData, loading, error, refetch, fetchMore } = useQuery(PolicyViolationsQuery, {
    variables: {
      first: 25,
      filter: {
        agentId: agentId ?? null,
        policyId: policyId ?? policy,
        statuses: statuses.length ? statuses : null,
        severities: severities.length ? severities : null,
      },
    },
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const fresh = useLiveViolations(refetch);
  const connection = (data ?? previousData)?.policyViolations;
  const violations =
    getFragmentData(
      ViolationRow,
      connection?.edges.map((e) => e.node),
    ) ?? [];
  const filtered = statuses.length > 0 || severities.length > 0 || policy !== null;

  return (
    <Stack>
      <Group align="flex-end" justify="space-between" wrap="nowrap">
        <Group align="flex-end" grow style={{ flex: 1 }} wrap="wrap">
          <MultiSelect
            label="Status"
            placeholder={statuses.length ? undefined : 'Any status'}
            data={statusOptions}
            value={statuses}
            onChange={(v) => setStatuses(v as PolicyViolationStatus[])}
            clearable
          />
          <MultiSelect
            label="Severity"
            placeholder={severities.length ? undefined : 'Any severity'}
            data={severityOptions}
            value={severities}
            onChange={(v) => setSeverities(v as PolicySeverity[])}
            clearable
          />
          {policyId ? null : (
            <Select
              label="Policy"
              placeholder="Any policy"
              data={(policies.data?.policies?.edges ?? []).map((e) => ({ value: e.node.id, label: e.node.name }))}
              value={policy}
              onChange={setPolicy}
              searchable
              clearable
            />
          )}
        </Group>
        <RefreshButton what="violations" refreshing={loading && Boolean(connection)} onRefresh={() => void refetch()} />
      </Group>
      <ListState
        loading={loading && !connection}
        error={error}
        empty={connection != null && violations.length === 0}
        emptyTitle={filtered ? 'No violations match these filters' : 'No violations'}
        emptyDescription={statuses.length && !severities.length && !policy ? 'Clear the status filter to see resolved and waived ones too.' : undefined}
        what="policy violations"
        onRetry={() => void refetch()}
      >
        <ViolationsTable
          violations={violations}
          showAgent={!agentId}
          showPolicy={!policyId}
          onWaive={waiver ? setWaiving : undefined}
          onRevoke={waiver ? setRevoking : undefined}
          fresh={fresh}
        />
        {connection ? (
          <LoadMore
            shown={violations.length}
            total={connection.totalCount}
            hasMore={connection.pageInfo.hasNextPage}
            noun="violations"
            onLoadMore={() => fetchMore({ variables: { after: connection.pageInfo.endCursor } })}
          />
        ) : null}
      </ListState>
      {waiver ? <WaiveModal violation={waiving} onClose={() => setWaiving(null)} /> : null}
      <RevokeWaiverModal violation={revoking} refetch={['PolicyViolations', 'AgentDetail']} onClose={() => setRevoking(null)} />
    </Stack>
  );
}
