import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { useSubscription } from '@apollo/client/react';
import { useLiveAvailable } from './LiveProvider';

/** Keeps what `subscription` returns merged into the cache (by id) while the component is shown. */
export function useLiveCache<TData, TVariables extends OperationVariables>(subscription: TypedDocumentNode<TData, TVariables>, variables?: TVariables): void {
  const available = useLiveAvailable();
  useSubscription(subscription, { variables, skip: !available, ignoreResults: true } as useSubscription.Options<TData, TVariables>);
}
