import { BudgetEnforcement, BudgetPeriod, BudgetScope, type BudgetCreateInput, type BudgetUpdateInput, type CostCategory } from '../../gql/graphql';
import { compareDecimal } from '../../format/money';

export interface BudgetFormValues {
  name: string;
  scope: BudgetScope | '';
  agentId: string | null;
  tag: string;
  category: CostCategory | null;
  period: BudgetPeriod;
  /** As typed: a decimal string, never a float. */
  amount: string;
  currency: string;
  /** As typed in the tags input: percentages. */
  thresholds: string[];
  enforcement: BudgetEnforcement;
}

export const FORM_FIELDS = ['name', 'scope', 'agentId', 'tag', 'category', 'period', 'amount', 'currency', 'thresholds', 'enforcement'];

export const emptyBudget: BudgetFormValues = {
  name: '',
  scope: BudgetScope.Tenant,
  agentId: null,
  tag: '',
  category: null,
  period: BudgetPeriod.Monthly,
  amount: '',
  currency: 'USD',
  thresholds: ['50', '80', '100'],
  enforcement: BudgetEnforcement.Notify,
};

const AMOUNT = /^\d{1,12}(\.\d{1,6})?$/;
const PERCENT = /^\d{1,4}$/;

/** The API's rules, checked before anything is sent; the API checks them again. */
export function validateBudget(values: BudgetFormValues): Partial<Record<keyof BudgetFormValues, string>> {
  const errors: Partial<Record<keyof BudgetFormValues, string>> = {};
  const name = values.name.trim();
  if (!name || name.length > 120) errors.name = 'Give the budget a name of up to 120 characters';
  if (!values.scope) errors.scope = 'Choose what the budget counts';
  if (values.scope === BudgetScope.Agent && !values.agentId) errors.agentId = 'Choose the agent';
  if (values.scope === BudgetScope.Tag && !values.tag.trim()) errors.tag = 'Enter the tag';
  if (values.tag.trim().length > 60) errors.tag = 'A tag has at most 60 characters';
  if (values.scope === BudgetScope.Category && !values.category) errors.category = 'Choose the category';
  const amount = values.amount.trim().replace(/,/g, '');
  if (!AMOUNT.test(amount)) errors.amount = 'Enter an amount such as 5000 or 1250.50 (at most 6 decimals)';
  else if (compareDecimal(amount, '0') <= 0) errors.amount = 'The amount must be more than zero';
  if (!/^[A-Z]{3}$/.test(values.currency.trim().toUpperCase())) errors.currency = 'Use a three-letter ISO 4217 code, e.g. USD';
  const thresholds = values.thresholds.map((t) => t.trim().replace(/%$/, ''));
  if (thresholds.length === 0 || thresholds.length > 10) errors.thresholds = 'Give 1 to 10 thresholds';
  else if (thresholds.some((t) => !PERCENT.test(t) || Number(t) < 1 || Number(t) > 1000))
    errors.thresholds = 'Thresholds are whole percentages between 1 and 1000';
  else if (new Set(thresholds.map(Number)).size !== thresholds.length) errors.thresholds = 'Each threshold may appear once';
  if (values.enforcement === BudgetEnforcement.Block && values.scope !== BudgetScope.Agent) errors.enforcement = 'Only agent budgets can block';
  return errors;
}

function thresholdsOf(values: BudgetFormValues): number[] {
  return values.thresholds.map((t) => Number(t.trim().replace(/%$/, ''))).sort((a, b) => a - b);
}

export function toCreateInput(values: BudgetFormValues): BudgetCreateInput & { thresholds: number[] } {
  const scope = values.scope as BudgetScope;
  return {
    name: values.name.trim(),
    scope,
    agentId: scope === BudgetScope.Agent ? values.agentId : null,
    tag: scope === BudgetScope.Tag ? values.tag.trim() : null,
    category: scope === BudgetScope.Category ? values.category : null,
    period: values.period,
    amount: values.amount.trim().replace(/,/g, ''),
    currency: values.currency.trim().toUpperCase(),
    thresholds: thresholdsOf(values),
    enforcement: values.enforcement,
  };
}

/** Only what changed: the scope and its target are fixed once a budget exists. */
export function toUpdateInput(budgetId: string, before: BudgetFormValues, values: BudgetFormValues): BudgetUpdateInput {
  const after = toCreateInput(values);
  const was = toCreateInput(before);
  const input: BudgetUpdateInput = { budgetId };
  if (after.name !== was.name) input.name = after.name;
  if (after.period !== was.period) input.period = after.period;
  if (compareDecimal(after.amount, was.amount || '0') !== 0 || !was.amount) input.amount = after.amount;
  if (after.currency !== was.currency) input.currency = after.currency;
  if (after.thresholds.join() !== was.thresholds.join()) input.thresholds = after.thresholds;
  if (after.enforcement !== was.enforcement) input.enforcement = after.enforcement;
  return input;
}
