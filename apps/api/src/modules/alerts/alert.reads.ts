import { ReadModel } from '../../graphql/read-model';
import { Alert } from './alert.entity';

export const alertReads = new ReadModel(Alert, {
  table: 'alerts',
  always: ['uuid'],
  needs: { budget: ['budgetId'], agent: ['agentId'], alertRule: ['alertRuleId'], acknowledgedBy: ['acknowledgedById'], resolvedBy: ['resolvedById'] },
});
