import { hasRole, PermissionMap } from '../../auth/rules';
import { Role } from '../../auth/roles';
import { moneyReaders } from '../costs';

/** Budgets are governance: compliance officers and auditors see them and their thresholds, not their amounts. */
export const governanceReaders = hasRole(Role.admin, Role.developer, Role.analyst, Role.compliance_officer, Role.auditor);
const admins = hasRole(Role.admin);

export const budgetPermissions: PermissionMap = {
  Query: { budgets: governanceReaders, budget: governanceReaders, budgetBurndown: moneyReaders },
  Budget: { '*': governanceReaders, amount: moneyReaders, currentSpend: moneyReaders },
  BudgetConnection: { '*': governanceReaders },
  BudgetEdge: { '*': governanceReaders },
  BudgetPeriodRange: { '*': governanceReaders },
  BudgetBurndown: { '*': moneyReaders },
  BudgetBurndownDay: { '*': moneyReaders },
  BudgetThresholdLevel: { '*': moneyReaders },
  Mutation: { budgetCreate: admins, budgetUpdate: admins, budgetDelete: admins },
  BudgetPayload: { '*': admins },
  BudgetDeletePayload: { '*': admins },
};
