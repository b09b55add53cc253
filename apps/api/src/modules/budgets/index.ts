import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { budgetReads } from './budget.reads';
import { Budget } from './budget.entity';
import { BudgetResolver } from './budget.resolver';
import { budgetPermissions } from './budget.rules';

export { checkBudgets, insertCrossedAlerts } from './budget-check.service';
export type { RaisedAlert } from './budget-check.service';
export { Budget } from './budget.entity';
export { budgetById } from './budget.loaders';
export { budgetReads } from './budget.reads';

export const budgetsModule: StewardModule = {
  name: 'budgets',
  entities: [Budget],
  resolvers: [BudgetResolver],
  permissions: budgetPermissions,
  nodes: { Budget: (ctx, id, selection) => readById(ctx, budgetReads, selection).load(id) },
};
