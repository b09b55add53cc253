import { admins, budgetReaders, moneyReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

export const budgetPermissions: PermissionMap = {
  Query: { budgets: budgetReaders, budget: budgetReaders, budgetBurndown: moneyReaders },
  Budget: { '*': budgetReaders, amount: moneyReaders, currentSpend: moneyReaders },
  BudgetConnection: { '*': budgetReaders },
  BudgetEdge: { '*': budgetReaders },
  BudgetPeriodRange: { '*': budgetReaders },
  BudgetBurndown: { '*': moneyReaders },
  BudgetBurndownDay: { '*': moneyReaders },
  BudgetThresholdLevel: { '*': moneyReaders },
  Mutation: { budgetCreate: admins, budgetUpdate: admins, budgetDelete: admins },
  BudgetPayload: { '*': admins },
  BudgetDeletePayload: { '*': admins },
};
