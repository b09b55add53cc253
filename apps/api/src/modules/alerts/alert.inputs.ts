import { MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AlertSeverity, AlertStatus } from './alert.entity';

@InputType()
export class AlertFilter {
  @Field(() => [AlertStatus], { nullable: true }) statuses?: AlertStatus[];
  @Field(() => [AlertSeverity], { nullable: true }) severities?: AlertSeverity[];
  @Field(() => ID, { nullable: true }) budgetId?: string;
}

@InputType()
export class AlertTransitionInput {
  @Field(() => ID) alertId: string;
  @Field({ nullable: true }) @MaxLength(500) note?: string;
}
