import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import { useDebouncedCallback } from '@mantine/hooks';
import { useLiveAvailable } from './LiveProvider';

/** How long a burst of events may last before the one refetch it causes. */
const SETTLE_MS = 250;

/**
 * Refetches a query when a subscription says something changed that the cache cannot place by
 * itself (a new row, a row leaving a filtered list, a count): once per burst of events, never per
 * event. Objects the subscription returns are merged into the cache by id on their own.
 */
export function useRefetchOnLive<TData, TVariables extends OperationVariables>(
  subscription: TypedDocumentNode<TData, TVariables>,
  options: { variables?: TVariables; skip?: boolean; refetch: () => unknown; when?: (data: TData) => boolean },
): void {
  const { refetch, when } = options;
  const refresh = useDebouncedCallback(() => void refetch(), SETTLE_MS);
  const available = useLiveAvailable();
  useSubscription(subscription, {
    variables: options.variables,
    skip: options.skip || !available,
    ignoreResults: true,
    onData: ({ data }) => {
      if (data.data && (!when || when(data.data))) refresh();
    },
  } as useSubscription.Options<TData, TVariables>);
}

/** Keeps what `subscription` returns merged into the cache (by id) while the component is shown. */
export function useLiveCache<TData, TVariables extends OperationVariables>(subscription: TypedDocumentNode<TData, TVariables>, variables?: TVariables): void {
  const available = useLiveAvailable();
  useSubscription(subscription, { variables, skip: !available, ignoreResults: true } as useSubscription.Options<TData, TVariables>);
}
