import { ApolloLink } from '@apollo/client';
import { act } from '@testing-library/react';
import { Observable, type Subscriber } from 'rxjs';
import type { LiveConnection } from '../app/apollo/live';

/**
 * A network for live views: queries are answered by `answers[operationName](nth call, variables)`,
 * subscriptions stay open so the test can push events; every operation asked for is recorded.
 */
export function liveNetwork(answers: Record<string, (call: number, variables: Record<string, unknown>) => unknown>) {
  const asked: string[] = [];
  const live = new Map<string, Subscriber<unknown>[]>();
  const link = new ApolloLink(
    (operation) =>
      new Observable((subscriber) => {
        const name = operation.operationName ?? '?';
        asked.push(name);
        const answer = answers[name];
        if (!answer) {
          live.set(name, [...(live.get(name) ?? []), subscriber]);
          return;
        }
        subscriber.next({ data: answer(asked.filter((n) => n === name).length, operation.variables) as Record<string, unknown> });
        subscriber.complete();
      }),
  );
  return {
    link,
    /** How many times the operation was sent. */
    count: (name: string) => asked.filter((n) => n === name).length,
    push: (name: string, data: unknown) => act(() => (live.get(name) ?? []).forEach((s) => s.next({ data: data as Record<string, unknown> }))),
    listening: (name: string) => (live.get(name) ?? []).length,
  };
}

/** A live connection the test moves between states (connecting, live, reconnecting). */
export function controlledLive() {
  const listeners = new Set<() => void>();
  const connection = {
    status: 'connecting',
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return {
    live: connection as unknown as LiveConnection,
    become: (status: string) =>
      act(() => {
        connection.status = status;
        listeners.forEach((l) => l());
      }),
  };
}
