import '@mantine/charts/styles.css';
import type { GraphQLFormattedError } from 'graphql';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { CostCategory, CostProvider } from '../../gql/graphql';

// Charts are lazy pages' business: their styles load with them, not with the shell.

export const PROVIDER_COLOR: Record<CostProvider, string> = {
  [CostProvider.Anthropic]: 'orange.6',
  [CostProvider.Openai]: 'teal.6',
  [CostProvider.Aws]: 'yellow.6',
  [CostProvider.Azure]: 'blue.6',
  [CostProvider.Gcp]: 'red.6',
  [CostProvider.Other]: 'gray.6',
};

export const PROVIDER_LABEL: Record<CostProvider, string> = {
  [CostProvider.Anthropic]: 'Anthropic',
  [CostProvider.Openai]: 'OpenAI',
  [CostProvider.Aws]: 'AWS',
  [CostProvider.Azure]: 'Azure',
  [CostProvider.Gcp]: 'Google Cloud',
  [CostProvider.Other]: 'Other',
};

export const CATEGORY_COLOR: Record<CostCategory, string> = {
  [CostCategory.Ai]: 'violet.6',
  [CostCategory.Compute]: 'blue.6',
  [CostCategory.Storage]: 'cyan.6',
  [CostCategory.Network]: 'lime.6',
  [CostCategory.Other]: 'gray.6',
};

export const CATEGORY_LABEL: Record<CostCategory, string> = {
  [CostCategory.Ai]: 'AI',
  [CostCategory.Compute]: 'Compute',
  [CostCategory.Storage]: 'Storage',
  [CostCategory.Network]: 'Network',
  [CostCategory.Other]: 'Other',
};

export const providerOptions = Object.values(CostProvider).map((value) => ({ value, label: PROVIDER_LABEL[value] }));
export const categoryOptions = Object.values(CostCategory).map((value) => ({ value, label: CATEGORY_LABEL[value] }));

export function isProvider(value: string | null | undefined): value is CostProvider {
  return (Object.values(CostProvider) as string[]).includes(value ?? '');
}

export function isCategory(value: string | null | undefined): value is CostCategory {
  return (Object.values(CostCategory) as string[]).includes(value ?? '');
}

/**
 * The part of a query's error that concerns one of its top-level fields (by alias), so each chart of
 * a combined query shows its own failure; an error without a path (network, 500) concerns them all.
 */
export function errorAt(error: unknown, field: string): unknown {
  if (!error) return null;
  if (!CombinedGraphQLErrors.is(error)) return error;
  const mine: GraphQLFormattedError[] = error.errors.filter((e) => !e.path?.length || e.path[0] === field);
  return mine.length ? mine : null;
}

/** Every error of a query is FORBIDDEN: the role may not read amounts (e.g. it changed since sign-in). */
export function onlyForbidden(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) && error.errors.length > 0 && error.errors.every((e) => e.extensions?.code === 'FORBIDDEN');
}

/** "2026-11-02" -> "Nov 2" (UTC day, whatever the browser's zone). */
export function formatDay(day: string, options: Intl.DateTimeFormatOptions = { month: 'short', day: 'numeric' }): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { ...options, timeZone: 'UTC' });
}
