import { expectGlobalId } from '../../graphql/global-id';
import { StewardError } from '../../graphql/errors';
import { CostFilter } from './cost.inputs';
import { DateRange } from './cost-dates';

const CURRENCY = /^[A-Z]{3}$/;

/** Binds a value as a statement parameter and returns its placeholder. */
export type Bind = (value: unknown) => string;

/** Binds into a positional parameter list ($1, $2, ...). */
export function positional(params: unknown[]): Bind {
  return (value) => {
    params.push(value);
    return `$${params.length}`;
  };
}

/**
 * The WHERE clause for a filter over cost_entries `e`. The tenant and the date range come first so
 * every query starts on an index leading with them.
 */
export function costWhere(tenantId: string, range: DateRange, filter: CostFilter | null, param: Bind): string {
  const currency = filter?.currency ?? 'USD';
  if (!CURRENCY.test(currency)) throw StewardError.badInput('filter.currency', 'currency must be an ISO 4217 code such as USD');
  const clauses = [
    `e.tenant_id = ${param(tenantId)}`,
    `e.incurred_on BETWEEN ${param(range.from)}::date AND ${param(range.to)}::date`,
    `e.currency = ${param(currency)}`,
  ];
  if (filter?.agentIds?.length) {
    clauses.push(`e.agent_id = ANY(${param(filter.agentIds.map((id) => expectGlobalId(id, 'Agent', 'filter.agentIds')))}::uuid[])`);
  }
  if (filter?.architectureIds?.length) {
    const ids = filter.architectureIds.map((id) => expectGlobalId(id, 'Architecture', 'filter.architectureIds'));
    clauses.push(`e.architecture_id = ANY(${param(ids)}::uuid[])`);
  }
  const lists: [keyof CostFilter, string][] = [
    ['providers', 'e.provider'],
    ['services', 'e.service'],
    ['categories', 'e.category'],
    ['regions', 'e.region'],
    ['architectures', 'e.architecture'],
    ['units', 'e.unit'],
  ];
  for (const [field, column] of lists) {
    const values = filter?.[field] as string[] | null | undefined;
    if (values?.length) clauses.push(`${column} = ANY(${param(values)}::text[])`);
  }
  if (filter?.tags?.length) clauses.push(`e.tags && ${param(filter.tags)}::text[]`);
  return clauses.join(' AND ');
}
