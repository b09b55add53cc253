import { Alert, Button, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconLock, IconPlugConnectedX } from '@tabler/icons-react';
import { NotFoundPage } from '../app/NotFoundPage';
import { type Problem, problemsOf } from './errors';

function titleOf(problem: Problem): string {
  switch (problem.kind) {
    case 'forbidden':
      return 'Not allowed';
    case 'network':
      return 'Steward is unreachable';
    case 'unavailable':
      return 'Steward is briefly unavailable';
    case 'notFound':
      return 'Not found';
    case 'rateLimited':
      return 'Too many attempts';
    case 'unauthenticated':
      return 'Signed out';
    default:
      return 'Something went wrong';
  }
}

/**
 * Shows what went wrong, grouped the way a user can act on it: FORBIDDEN names what is not allowed
 * (the field the role may not read), network problems offer a retry.
 */
export function ProblemAlert({ error, onRetry, what }: { error: unknown; onRetry?: () => void; what?: string }) {
  const problems = problemsOf(error);
  if (problems.length === 0) return null;
  // What the page was about does not exist: that is the page, not a problem to retry.
  if (problems.every((p) => p.kind === 'notFound')) {
    return <NotFoundPage title="Not found" description="It does not exist, was removed, or belongs to another tenant." />;
  }
  const first = problems[0];
  const forbidden = problems.filter((p) => p.kind === 'forbidden');
  const icon =
    first.kind === 'forbidden' ? (
      <IconLock size={18} />
    ) : first.kind === 'network' || first.kind === 'unavailable' ? (
      <IconPlugConnectedX size={18} />
    ) : (
      <IconAlertTriangle size={18} />
    );
  return (
    <Alert color={first.kind === 'forbidden' ? 'yellow' : 'red'} icon={icon} title={titleOf(first)} role="alert">
      {forbidden.length > 0 ? (
        <>
          <Text size="sm">Your role does not allow {what ?? 'this'}:</Text>
          <List size="sm">
            {forbidden.map((p, i) => (
              <List.Item key={i}>
                {p.path ? (
                  <Text span ff="monospace" size="sm">
                    {p.path}
                  </Text>
                ) : null}{' '}
                {p.message}
              </List.Item>
            ))}
          </List>
        </>
      ) : (
        <List size="sm" listStyleType="none">
          {problems.map((p, i) => (
            <List.Item key={i}>{p.message}</List.Item>
          ))}
        </List>
      )}
      {onRetry && first.kind !== 'forbidden' ? (
        <Group mt="sm">
          <Button size="xs" variant="light" onClick={onRetry}>
            Try again
          </Button>
        </Group>
      ) : null}
    </Alert>
  );
}
