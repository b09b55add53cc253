import { MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AlertSeverity, AlertSource, AlertStatus } from './alert.entity';

@InputType({ description: 'Narrows a list of alerts; conditions combine with AND, a list matches any of its values' })
export class AlertFilter {
  @Field(() => [AlertStatus], { nullable: true, description: 'Alerts in any of these states' }) statuses?: AlertStatus[];
  @Field(() => [AlertSeverity], { nullable: true, description: 'Alerts of any of these severities' }) severities?: AlertSeverity[];
  @Field(() => ID, { nullable: true, description: 'Alerts raised by this budget' }) budgetId?: string;
  @Field(() => [AlertSource], { nullable: true, description: 'Alerts raised by any of these sources' }) sources?: AlertSource[];
  @Field(() => ID, { nullable: true, description: 'Alerts about this agent (rule and health alerts)' }) agentId?: string;
}

@InputType({ description: 'Moves an alert on (acknowledge or resolve)' })
export class AlertTransitionInput {
  @Field(() => ID, { description: 'The alert to move' }) alertId: string;
  @Field({ nullable: true, description: 'A note for the others, kept on the alert (at most 500 characters)' }) @MaxLength(500) note?: string;
}
