import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { AlertRule } from './alert-rule.entity';
import { alertRuleById } from './alert-rule.loaders';
import { AlertOfRuleResolver, AlertRuleFiringResolver, AlertRulePreviewEpisodeResolver, AlertRuleResolver } from './alert-rule.resolver';
import { alertRulePermissions } from './alert-rule.rules';

export { evaluateRules } from './alert-rule.runs';

export const alertRulesModule: StewardModule = {
  name: 'alert-rules',
  entities: [AlertRule],
  resolvers: [AlertRuleResolver, AlertRuleFiringResolver, AlertRulePreviewEpisodeResolver, AlertOfRuleResolver],
  permissions: alertRulePermissions,
  nodes: { AlertRule: (ctx, id) => loader(ctx, alertRuleById).load(id) },
};
