import { Alert, List, Stack } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { HeldForApproval, type HeldRequest } from '../../ui/HeldForApproval';

interface Finding {
  policyName: string;
  ruleName: string;
  message: string;
}

export interface Outcome {
  blocked: readonly Finding[];
  warned: readonly Finding[];
  /** A policy in "require approval" mode held the change: stored, not applied, until the request is approved. */
  held: { request: HeldRequest; findings: readonly Finding[] } | null;
}

export const NO_OUTCOME: Outcome = { blocked: [], warned: [], held: null };

export function outcomeOf(
  payload:
    | { policyViolations: readonly Finding[]; policyWarnings: readonly Finding[]; policyHolds?: readonly Finding[]; heldForApproval?: HeldRequest | null }
    | null
    | undefined,
): Outcome {
  if (!payload) return NO_OUTCOME;
  return {
    blocked: payload.policyViolations,
    warned: payload.policyWarnings,
    held: payload.heldForApproval ? { request: payload.heldForApproval, findings: payload.policyHolds ?? [] } : null,
  };
}

/** What the architecture policies said about a save or activation: refused, held for approval, or applied with warnings. */
export function Findings({ blocked, warned, held }: Outcome) {
  if (!blocked.length && !warned.length && !held) return null;
  return (
    <Stack gap="xs" mb="md" data-testid="policy-findings">
      {held ? (
        <HeldForApproval request={held.request} title="Waiting for approval: not applied yet">
          <List size="sm">
            {held.findings.map((f) => (
              <List.Item key={`${f.policyName}/${f.ruleName}`} data-testid="policy-finding">
                <b>{f.policyName}</b>: {f.message}
              </List.Item>
            ))}
          </List>
        </HeldForApproval>
      ) : null}
      {blocked.length ? (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Refused by policy" role="alert">
          <List size="sm">
            {blocked.map((f) => (
              <List.Item key={`${f.policyName}/${f.ruleName}`} data-testid="policy-finding">
                <b>{f.policyName}</b>: {f.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {warned.length ? (
        <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title="Saved with policy warnings">
          <List size="sm">
            {warned.map((f) => (
              <List.Item key={`${f.policyName}/${f.ruleName}`} data-testid="policy-finding">
                <b>{f.policyName}</b>: {f.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
    </Stack>
  );
}
