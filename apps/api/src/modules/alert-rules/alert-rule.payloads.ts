import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { Agent } from '../agents';
import { Alert } from '../alerts';
import { AlertRule } from './alert-rule.entity';

@ObjectType({ description: 'The rule after the change' })
export class AlertRulePayload {
  @Field(() => AlertRule, { nullable: true, description: 'The rule; null when refused' }) alertRule: AlertRule | null;
  @Field(() => [UserError], { description: 'What to fix, e.g. the condition at ["input", "condition"] with its line and column' }) userErrors: UserError[];
}

@ObjectType({ description: 'What was deleted' })
export class AlertRuleDeletePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted rule; null when refused' }) deletedAlertRuleId: string | null;
  @Field(() => [UserError], { description: 'Why it was refused' }) userErrors: UserError[];
}

@ObjectType({ description: 'An agent for which a rule is firing now' })
export class AlertRuleFiring {
  agentUuid: string;
  alertUuid: string | null;
  @Field(() => Agent, { description: 'The agent' }) agent?: Agent;
  @Field({ description: 'Since when it fires' }) since: Date;
  @Field(() => Alert, { nullable: true, description: 'The alert raised for this episode' }) alert?: Alert | null;
}

@ObjectType({ description: 'An episode a draft rule would have fired' })
export class AlertRulePreviewEpisode {
  agentUuid: string;
  @Field(() => Agent, { description: 'The agent' }) agent?: Agent;
  @Field({ description: 'When it would have fired (the condition held for forMinutes by then)' }) firedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it would have resolved; null if it would still fire at the end' }) resolvedAt: Date | null;
  @Field(() => Float, { nullable: true, description: 'Highest window.errorRate seen during the episode' }) peakErrorRate: number | null;
}

@ObjectType({ description: 'What a draft rule would have fired over the recent past, evaluated every 5 minutes from minute rollups' })
export class AlertRulePreview {
  @Field(() => [UserError], { description: 'Problems of the draft, e.g. the condition at ["input", "condition"]; nothing else is filled then' })
  userErrors: UserError[];
  @Field(() => Int, { description: 'Evaluation instants times agents checked' }) evaluations: number;
  @Field(() => [AlertRulePreviewEpisode], { description: 'Would-have-fired episodes, newest first (at most 200)' }) episodes: AlertRulePreviewEpisode[];
}
