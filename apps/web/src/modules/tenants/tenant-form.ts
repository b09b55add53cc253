import { TenantPlan, type TenantLimitsInput } from '../../gql/graphql';

export const planOptions = [
  { value: TenantPlan.Trial, label: 'Trial' },
  { value: TenantPlan.Starter, label: 'Starter' },
  { value: TenantPlan.Professional, label: 'Professional' },
  { value: TenantPlan.Enterprise, label: 'Enterprise' },
];

/** A negotiated limit as typed: a whole number, or empty for the plan's limit. */
export type LimitValue = number | string;

export interface LimitValues {
  maxAgents: LimitValue;
  maxMembers: LimitValue;
  maxApiKeys: LimitValue;
}

export const LIMIT_FIELDS = [
  { key: 'maxAgents', label: 'Agents' },
  { key: 'maxMembers', label: 'Members' },
  { key: 'maxApiKeys', label: 'Active API keys' },
] as const;

export function limitsFromTenant(limits: { maxAgents: number | null; maxMembers: number | null; maxApiKeys: number | null } | null): LimitValues {
  return { maxAgents: limits?.maxAgents ?? '', maxMembers: limits?.maxMembers ?? '', maxApiKeys: limits?.maxApiKeys ?? '' };
}

export function toLimitsInput(values: LimitValues): TenantLimitsInput {
  const one = (v: LimitValue) => (v === '' || v === null ? null : Number(v));
  return { maxAgents: one(values.maxAgents), maxMembers: one(values.maxMembers), maxApiKeys: one(values.maxApiKeys) };
}

export function limitProblem(value: LimitValue): string | null {
  if (value === '' || value === null) return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? null : "A whole number of 0 or more, or empty for the plan's limit";
}

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** "Hooli Labs" -> "hooli-labs": a slug to start from, which the admin may change. */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}
