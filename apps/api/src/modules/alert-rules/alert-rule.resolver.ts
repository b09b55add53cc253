import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { StewardError } from '../../graphql/errors';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Selection } from '../../graphql/read-model';
import { Agent, agentById } from '../agents';
import { Alert, alertById } from '../alerts';
import { AlertRule } from './alert-rule.entity';
import { AlertRuleCreateInput, AlertRuleIdInput, AlertRulePreviewInput, AlertRuleUpdateInput } from './alert-rule.inputs';
import { alertRuleById, firingByRule } from './alert-rule.loaders';
import { AlertRuleDeletePayload, AlertRuleFiring, AlertRulePayload, AlertRulePreview, AlertRulePreviewEpisode } from './alert-rule.payloads';
import { previewAlertRule } from './alert-rule.preview';
import { createAlertRule, deleteAlertRule, listAlertRules, setAlertRuleEnabled, updateAlertRule } from './alert-rule.service';

export const AlertRuleConnection = connectionType(AlertRule, 'AlertRule');

const audit = (action: string) => ({ action, entityType: 'AlertRule' });
const refused = () => ({ alertRule: null });

@Resolver(() => AlertRule)
export class AlertRuleResolver {
  @Query(() => AlertRuleConnection, { nullable: true, description: "The tenant's alert rules, newest first" })
  alertRules(@Args() page: ConnectionArgs, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Connection<AlertRule>> {
    return listAlertRules(ctx, page, Selection.of(info, true));
  }

  @Query(() => AlertRulePreview, {
    nullable: true,
    description: 'What a draft rule would have fired over the last hours (default 24), every 5 minutes; records nothing',
  })
  alertRulePreview(@Arg('input', { description: 'The draft' }) input: AlertRulePreviewInput, @Ctx() ctx: StewardContext): Promise<AlertRulePreview> {
    return previewAlertRule(ctx, input);
  }

  @Mutation(() => AlertRulePayload, { nullable: true, description: 'Creates an alert rule and, when enabled, evaluates it at once' })
  alertRuleCreate(@Arg('input', { description: 'The rule' }) input: AlertRuleCreateInput, @Ctx() ctx: StewardContext): Promise<AlertRulePayload> {
    return mutate(ctx, audit('alertRule.create'), async () => ({ alertRule: await createAlertRule(ctx, input), userErrors: [] }), refused);
  }

  @Mutation(() => AlertRulePayload, { nullable: true, description: 'Changes an alert rule; a new condition, window or scope starts its episodes over' })
  alertRuleUpdate(@Arg('input', { description: 'The changes' }) input: AlertRuleUpdateInput, @Ctx() ctx: StewardContext): Promise<AlertRulePayload> {
    return mutate(ctx, audit('alertRule.update'), async () => ({ alertRule: await updateAlertRule(ctx, input), userErrors: [] }), refused);
  }

  @Mutation(() => AlertRulePayload, { nullable: true, description: 'Starts evaluating a rule (at once, then every minute)' })
  alertRuleEnable(@Arg('input', { description: 'The rule' }) input: AlertRuleIdInput, @Ctx() ctx: StewardContext): Promise<AlertRulePayload> {
    return mutate(
      ctx,
      audit('alertRule.enable'),
      async () => ({ alertRule: await setAlertRuleEnabled(ctx, input.alertRuleId, true), userErrors: [] }),
      refused,
    );
  }

  @Mutation(() => AlertRulePayload, { nullable: true, description: 'Stops evaluating a rule; its open alerts resolve' })
  alertRuleDisable(@Arg('input', { description: 'The rule' }) input: AlertRuleIdInput, @Ctx() ctx: StewardContext): Promise<AlertRulePayload> {
    return mutate(
      ctx,
      audit('alertRule.disable'),
      async () => ({ alertRule: await setAlertRuleEnabled(ctx, input.alertRuleId, false), userErrors: [] }),
      refused,
    );
  }

  @Mutation(() => AlertRuleDeletePayload, { nullable: true, description: 'Deletes a rule; its alerts stay in the inbox, resolved' })
  alertRuleDelete(@Arg('input', { description: 'The rule' }) input: AlertRuleIdInput, @Ctx() ctx: StewardContext): Promise<AlertRuleDeletePayload> {
    return mutate(
      ctx,
      audit('alertRule.delete'),
      async () => ({ deletedAlertRuleId: await deleteAlertRule(ctx, input.alertRuleId), userErrors: [] }),
      () => ({ deletedAlertRuleId: null }),
    );
  }

  @FieldResolver(() => [AlertRuleFiring], { description: 'The agents it fires for now, with their alerts' })
  firing(@Root() rule: AlertRule, @Ctx() ctx: StewardContext): Promise<AlertRuleFiring[]> {
    return loader(ctx, firingByRule).load(rule.uuid);
  }
}

@Resolver(() => AlertRuleFiring)
export class AlertRuleFiringResolver {
  @FieldResolver(() => Agent, { description: 'The agent' })
  async agent(@Root() firing: AlertRuleFiring, @Ctx() ctx: StewardContext): Promise<Agent> {
    const agent = await loader(ctx, agentById).load(firing.agentUuid);
    if (!agent) throw StewardError.notFound('Agent');
    return agent;
  }

  @FieldResolver(() => Alert, { nullable: true, description: 'The alert raised for this episode' })
  alert(@Root() firing: AlertRuleFiring, @Ctx() ctx: StewardContext): Promise<Alert | null> | null {
    return firing.alertUuid ? loader(ctx, alertById).load(firing.alertUuid) : null;
  }
}

@Resolver(() => AlertRulePreviewEpisode)
export class AlertRulePreviewEpisodeResolver {
  @FieldResolver(() => Agent, { description: 'The agent' })
  async agent(@Root() episode: AlertRulePreviewEpisode, @Ctx() ctx: StewardContext): Promise<Agent> {
    const agent = await loader(ctx, agentById).load(episode.agentUuid);
    if (!agent) throw StewardError.notFound('Agent');
    return agent;
  }
}

@Resolver(() => Alert)
export class AlertOfRuleResolver {
  @FieldResolver(() => AlertRule, { nullable: true, description: 'The alert rule that raised it; null for other sources or once the rule is deleted' })
  alertRule(@Root() alert: Alert, @Ctx() ctx: StewardContext): Promise<AlertRule | null> | null {
    return alert.alertRuleId ? loader(ctx, alertRuleById).load(alert.alertRuleId) : null;
  }
}
