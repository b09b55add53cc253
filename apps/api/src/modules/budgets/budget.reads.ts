import { ReadModel } from '../../graphql/read-model';
import { Budget } from './budget.entity';

export const budgetReads = new ReadModel(Budget, {
  table: 'budgets',
  always: ['uuid'],
  needs: { agent: ['agentId'], createdBy: ['createdById'], currentPeriod: ['period'] },
});
