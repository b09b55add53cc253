import { ReadModel } from '../../graphql/read-model';
import { AlertRule } from './alert-rule.entity';

export const alertRuleReads = new ReadModel(AlertRule, { table: 'alert_rules', always: ['uuid'] });
