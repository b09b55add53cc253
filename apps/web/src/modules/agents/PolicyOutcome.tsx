import { Alert, Anchor, Group, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconShieldX } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { PolicyFindingFieldsFragment } from '../../gql/graphql';
import { SeverityBadge } from '../../ui/badges';

export type AgentAction = 'create' | 'update' | 'deploy' | 'suspend' | 'resume' | 'archive';

const VERB: Record<AgentAction, { blocked: string; done: string }> = {
  create: { blocked: 'Policy blocked registering the agent', done: 'Registered' },
  update: { blocked: 'Policy blocked the change', done: 'Saved' },
  deploy: { blocked: 'Policy blocked the deployment', done: 'Deployed' },
  suspend: { blocked: 'Policy blocked suspending the agent', done: 'Suspended' },
  resume: { blocked: 'Policy blocked resuming the agent', done: 'Resumed' },
  archive: { blocked: 'Policy blocked archiving the agent', done: 'Archived' },
};

/** What the policies in force made of a change: refused (block) or applied with warnings (warn). */
export interface PolicyOutcomeValue {
  action: AgentAction;
  blocked: readonly PolicyFindingFieldsFragment[];
  warnings: readonly PolicyFindingFieldsFragment[];
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
