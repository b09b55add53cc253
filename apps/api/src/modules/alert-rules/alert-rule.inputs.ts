import { Field, ID, InputType, Int } from 'type-graphql';
import { AlertSeverity } from '../alerts';

@InputType({ description: 'A new alert rule' })
export class AlertRuleCreateInput {
  @Field({ description: 'Unique name within the tenant, 1-120 characters' }) name: string;
  @Field(() => String, { nullable: true, description: 'What the rule watches for (at most 1,000 characters)' }) description?: string | null;
  @Field({ description: 'CEL condition over agent, window and metrics; true means firing' }) condition: string;
  @Field(() => Int, { defaultValue: 5, description: 'Aggregate window in minutes (1-1440); 5 unless given' }) windowMinutes: number;
  @Field(() => Int, { defaultValue: 0, description: 'Minutes the condition must hold before firing (0-1440); 0 unless given' }) forMinutes: number;
  @Field(() => AlertSeverity, { description: 'Severity of the alerts raised' }) severity: AlertSeverity;
  @Field(() => [String], { nullable: true, description: 'Only agents with any of these tags (at most 20); none: every deployed agent' }) agentTags?:
    string[] | null;
  @Field({ defaultValue: true, description: 'Evaluate it (true unless given)' }) enabled: boolean;
}

@InputType({ description: 'Changes to an alert rule; omitted fields stay as they are' })
export class AlertRuleUpdateInput {
  @Field(() => ID, { description: 'The rule' }) alertRuleId: string;
  @Field(() => String, { nullable: true, description: 'New name' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'New description' }) description?: string | null;
  @Field(() => String, { nullable: true, description: 'New condition' }) condition?: string | null;
  @Field(() => Int, { nullable: true, description: 'New window in minutes' }) windowMinutes?: number | null;
  @Field(() => Int, { nullable: true, description: 'New for-duration in minutes' }) forMinutes?: number | null;
  @Field(() => AlertSeverity, { nullable: true, description: 'New severity' }) severity?: AlertSeverity | null;
  @Field(() => [String], { nullable: true, description: 'New agent tags' }) agentTags?: string[] | null;
}

@InputType({ description: 'Names an alert rule' })
export class AlertRuleIdInput {
  @Field(() => ID, { description: 'The rule' }) alertRuleId: string;
}

@InputType({ description: 'A draft rule to try over the recent past' })
export class AlertRulePreviewInput {
  @Field({ description: 'CEL condition over agent, window and metrics' }) condition: string;
  @Field(() => Int, { defaultValue: 5, description: 'Aggregate window in minutes (1-1440)' }) windowMinutes: number;
  @Field(() => Int, { defaultValue: 0, description: 'Minutes the condition must hold before firing (0-1440)' }) forMinutes: number;
  @Field(() => [String], { nullable: true, description: 'Only agents with any of these tags' }) agentTags?: string[] | null;
  @Field(() => Int, { defaultValue: 24, description: 'How many hours back (1-24); 24 unless given' }) hours: number;
}
