import { Alert, Anchor, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldX } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PolicyFindingFieldsFragment } from '../../gql/graphql';
import { SeverityBadge } from '../../ui/badges';
import { HeldForApproval, type HeldRequest } from '../../ui/HeldForApproval';

export type AgentAction = 'create' | 'update' | 'deploy' | 'suspend' | 'resume' | 'archive';

const VERB: Record<AgentAction, { blocked: string; held: string; done: string }> = {
  create: { blocked: 'Policy blocked registering the agent', held: 'Registration waiting for approval: not registered yet', done: 'Registered' },
  update: { blocked: 'Policy blocked the change', held: 'Change waiting for approval: not applied yet', done: 'Saved' },
  deploy: { blocked: 'Policy blocked the deployment', held: 'Deployment waiting for approval: not deployed yet', done: 'Deployed' },
  suspend: { blocked: 'Policy blocked suspending the agent', held: 'Suspension waiting for approval: not suspended yet', done: 'Suspended' },
  resume: { blocked: 'Policy blocked resuming the agent', held: 'Resuming waiting for approval: not resumed yet', done: 'Resumed' },
  archive: { blocked: 'Policy blocked archiving the agent', held: 'Archiving waiting for approval: not archived yet', done: 'Archived' },
};

/**
 * What the policies in force made of a change: refused (block), held until someone approves it
 * (require approval), or applied with warnings (warn).
 */
export interface PolicyOutcomeValue {
  action: AgentAction;
  blocked: readonly PolicyFindingFieldsFragment[];
  warnings: readonly PolicyFindingFieldsFragment[];
  /** The approval request that holds the change, and the findings that held it. */
  held?: { request: HeldRequest; findings: readonly PolicyFindingFieldsFragment[] } | null;
}

/** The outcome a change's answer calls for: null when it went through and the policies had nothing to say. */
export function outcomeOf(
  action: AgentAction,
  payload: {
    policyViolations: readonly PolicyFindingFieldsFragment[];
    policyWarnings: readonly PolicyFindingFieldsFragment[];
    policyHolds: readonly PolicyFindingFieldsFragment[];
    heldForApproval: HeldRequest | null;
  },
): PolicyOutcomeValue | null {
  const held = payload.heldForApproval ? { request: payload.heldForApproval, findings: payload.policyHolds } : null;
  if (!held && !payload.policyViolations.length && !payload.policyWarnings.length) return null;
  return { action, blocked: payload.policyViolations, warnings: payload.policyWarnings, held };
}

function Findings({ findings }: { findings: readonly PolicyFindingFieldsFragment[] }) {
  return (
    <List spacing="xs" size="sm" listStyleType="none" mt="xs">
      {findings.map((f) => (
        <List.Item key={`${f.policy.id}/${f.ruleName}`} data-testid="policy-finding">
          <Stack gap={2}>
            <Group gap="xs" wrap="wrap">
              <Anchor component={Link} to={`/policies/${encodeURIComponent(f.policy.id)}`} fw={600} size="sm" data-testid="finding-policy">
                {f.policyName}
              </Anchor>
              <Text size="sm" c="dimmed">
                · rule “{f.ruleName}” · v{f.policyVersion}
              </Text>
              <SeverityBadge severity={f.severity} size="sm" />
            </Group>
            <Text size="sm">{f.message}</Text>
          </Stack>
        </List.Item>
      ))}
    </List>
  );
}

/**
 * A refused change names every policy, rule, severity and message that refused it; an applied one
 * lists the warnings it was applied with. Nothing shows when the policies had nothing to say.
 */
export function PolicyOutcome({ outcome, canWaive, onClose }: { outcome: PolicyOutcomeValue | null; canWaive?: boolean; onClose?: () => void }) {
  if (!outcome) return null;
  const verb = VERB[outcome.action];
  if (outcome.held) {
    return (
      <HeldForApproval request={outcome.held.request} title={verb.held} onClose={onClose}>
        {outcome.held.findings.length ? (
          <>
            <Text size="sm">
              {outcome.held.findings.length === 1 ? 'A policy requires' : `${outcome.held.findings.length} policies require`} approval for it:
            </Text>
            <Findings findings={outcome.held.findings} />
          </>
        ) : null}
        {outcome.warnings.length ? (
          <>
            <Text size="sm" fw={500}>
              Also warned about
            </Text>
            <Findings findings={outcome.warnings} />
          </>
        ) : null}
      </HeldForApproval>
    );
  }
  if (outcome.blocked.length) {
    return (
      <Alert
        color="red"
        variant="light"
        icon={<IconShieldX size={20} />}
        title={verb.blocked}
        withCloseButton={Boolean(onClose)}
        onClose={onClose}
        role="alert"
        data-testid="policy-block"
      >
        <Text size="sm">
          Steward refused it:{' '}
          {outcome.blocked.length === 1 ? 'a rule of a policy in block mode is' : `${outcome.blocked.length} rules of policies in block mode are`} violated.
          Nothing changed.
        </Text>
        <Findings findings={outcome.blocked} />
        {outcome.warnings.length ? (
          <>
            <Text size="sm" fw={500} mt="sm">
              Also warned about
            </Text>
            <Findings findings={outcome.warnings} />
          </>
        ) : null}
        <Text size="xs" c="dimmed" mt="sm">
          {canWaive
            ? 'Change the agent so it complies, or waive the violation on the Violations tab with a reason.'
            : 'Change the agent so it complies, or ask an admin to waive the violation.'}
        </Text>
      </Alert>
    );
  }
  if (outcome.warnings.length) {
    return (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle size={20} />}
        title={`${verb.done} with ${outcome.warnings.length === 1 ? 'a policy warning' : `${outcome.warnings.length} policy warnings`}`}
        withCloseButton={Boolean(onClose)}
        onClose={onClose}
        data-testid="policy-warnings"
      >
        <Text size="sm">The change went through, but policies in warn mode found it violates:</Text>
        <Findings findings={outcome.warnings} />
      </Alert>
    );
  }
  return null;
}
