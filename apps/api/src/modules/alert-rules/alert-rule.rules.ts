import { budgetReaders, builders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';
import { metricReaders } from '../metrics';

/** Everyone who reads metrics reads the rules and previews them; admins and developers manage them. */
export const alertRulePermissions: PermissionMap = {
  Query: { alertRules: metricReaders, alertRulePreview: metricReaders },
  AlertRule: { '*': metricReaders },
  AlertRuleConnection: { '*': metricReaders },
  AlertRuleEdge: { '*': metricReaders },
  AlertRuleFiring: { '*': metricReaders },
  AlertRulePreview: { '*': metricReaders },
  AlertRulePreviewEpisode: { '*': metricReaders },
  Alert: { alertRule: budgetReaders },
  Mutation: { alertRuleCreate: builders, alertRuleUpdate: builders, alertRuleEnable: builders, alertRuleDisable: builders, alertRuleDelete: builders },
  AlertRulePayload: { '*': builders },
  AlertRuleDeletePayload: { '*': builders },
};
