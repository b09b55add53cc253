import { useQuery } from '@apollo/client/react';
import { Alert, Button, Code, Group, Progress, Stack, Text } from '@mantine/core';
import { IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { graphql } from '../../gql';
import { ProblemAlert } from '../../ui/ProblemAlert';
import { When } from '../../ui/When';

export const AuditChainVerificationQuery = graphql(`
  query AuditChainVerification {
    auditChainVerification {
      valid
      checkedCount
      problem
      verifiedAt
      firstBrokenEntry {
        id
        seq
        action
      }
    }
  }
`);

/** Recomputes the tenant's hash chain on the server: slow on a long log, so it shows its progress. */
export function ChainVerificationCard() {
  const { data, loading, error, refetch } = useQuery(AuditChainVerificationQuery, {
    fetchPolicy: 'network-only',
    errorPolicy: 'all',
    notifyOnNetworkStatusChange: true,
  });
  const result = data?.auditChainVerification;
  const again = (
    <Button size="xs" variant="light" onClick={() => void refetch()} loading={loading} aria-label="Verify again: check the audit chain once more">
      Verify again
    </Button>
  );

  if (loading) {
    return (
      <Alert color="blue" title="Verifying the audit chain…" icon={<IconShieldCheck size={18} />} data-testid="chain-verification">
        <Stack gap="xs">
          <Text size="sm">Steward recomputes every entry's hash and link. This takes longer as the log grows.</Text>
          <Progress value={100} animated striped aria-label="Verification in progress" />
        </Stack>
      </Alert>
    );
  }
  if (!result) return error ? <ProblemAlert error={error} onRetry={() => void refetch()} what="verifying the audit chain" /> : null;
  if (result.valid) {
    return (
      <Alert color="teal" title="Audit chain intact" icon={<IconShieldCheck size={18} />} data-testid="chain-verification">
        <Group justify="space-between" wrap="wrap">
          <Text size="sm">
            All {result.checkedCount} entries are in order and unaltered. Verified <When at={result.verifiedAt} />.
          </Text>
          {again}
        </Group>
      </Alert>
    );
  }
  return (
    <Alert color="red" title="Audit chain broken" icon={<IconShieldX size={18} />} data-testid="chain-verification">
      <Stack gap="xs">
        <Text size="sm">{result.problem ?? 'An entry does not match its hash or link.'}</Text>
        {result.firstBrokenEntry ? (
          <Text size="sm">
            First broken entry: #{result.firstBrokenEntry.seq} <Code>{result.firstBrokenEntry.action}</Code>
          </Text>
        ) : null}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            Checked {result.checkedCount} entries <When at={result.verifiedAt} />.
          </Text>
          {again}
        </Group>
      </Stack>
    </Alert>
  );
}
