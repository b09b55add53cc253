import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DecimalScalar } from '../../graphql/scalars';

export enum AlertSeverity {
  INFO = 'info',
  WARNING = 'warning',
  CRITICAL = 'critical',
}
registerEnumType(AlertSeverity, {
  name: 'AlertSeverity',
  description: 'How urgent an alert is. Budget thresholds: under 80% info, from 80% warning, from 100% critical; alert rules say their own',
  valuesConfig: {
    INFO: { description: 'For information (budgets: a threshold under 80% was crossed)' },
    WARNING: { description: 'Needs a look (budgets: a threshold from 80% was crossed)' },
    CRITICAL: { description: 'Needs action now (budgets: from 100%, the budget is spent; health: an agent is unhealthy)' },
  },
});

export enum AlertStatus {
  OPEN = 'open',
  ACKNOWLEDGED = 'acknowledged',
  RESOLVED = 'resolved',
}
registerEnumType(AlertStatus, {
  name: 'AlertStatus',
  description: 'open → acknowledged → resolved (or open → resolved); alerts of an ended period resolve themselves',
  valuesConfig: {
    OPEN: { description: 'Raised, nobody has taken it yet' },
    ACKNOWLEDGED: { description: 'Someone is on it' },
    RESOLVED: { description: 'Dealt with, or its budget period ended' },
  },
});

export enum AlertSource {
  BUDGET = 'budget',
  METRIC_RULE = 'metric_rule',
  HEALTH = 'health',
  COMPLIANCE = 'compliance',
  WEBHOOK = 'webhook',
  PLAN = 'plan',
}
registerEnumType(AlertSource, {
  name: 'AlertSource',
  description: 'What raised the alert: a budget, an alert rule over metrics, an agent runtime’s health, compliance, a failing webhook endpoint, or the plan',
  valuesConfig: {
    BUDGET: { description: 'Raised by a budget whose spend crossed a threshold' },
    METRIC_RULE: { description: 'Raised by an alert rule whose condition held for an agent (once per episode)' },
    HEALTH: { description: 'Raised when an agent runtime became unhealthy or went silent (once per episode)' },
    COMPLIANCE: { description: 'Raised by compliance: evidence about to expire, or a flagged compliance record' },
    WEBHOOK: { description: 'Raised when a webhook endpoint was switched off after failing again and again' },
    PLAN: { description: 'Raised by the plan: a trial about to run out, or run out (the tenant is read-only)' },
  },
});

@ObjectType({ implements: Node, description: 'Something that needs attention, e.g. a budget threshold crossed' })
@Entity('alerts')
export class Alert implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the alert (use with node(id:) and in inputs)' })
  get id(): string {
    return toGlobalId('Alert', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field(() => AlertSource, { description: 'What raised the alert' }) @Column('text') source: AlertSource;
  @Field(() => AlertSeverity, { description: 'How urgent it is' }) @Column('text') severity: AlertSeverity;
  @Field(() => AlertStatus, { description: 'Where the alert is in its handling' }) @Column('text') status: AlertStatus;
  @Field({ description: 'What happened, in words for a person' }) @Column('text') message: string;
  @Column('uuid', { nullable: true }) budgetId: string | null;
  @Column('uuid', { nullable: true }) alertRuleId: string | null;
  @Column('uuid', { nullable: true }) agentId: string | null;
  @Field(() => Date, { nullable: true, description: 'For rule and health alerts: when the episode began (the condition started to hold)' })
  @Column('timestamptz', { nullable: true })
  episodeStartedAt: Date | null;
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'First day of the budget period the alert is about (inclusive); null for alerts not tied to a period',
  })
  @Column('date', { nullable: true })
  periodStart: string | null;
  @Field(() => GraphQLLocalDate, {
    nullable: true,
    description: 'Last day of the budget period the alert is about (inclusive); null for alerts not tied to a period',
  })
  @Column('date', { nullable: true })
  periodEnd: string | null;
  @Field(() => Int, { nullable: true, description: 'The budget threshold crossed, in percent' }) @Column('int', { nullable: true }) threshold: number | null;
  @Field(() => DecimalScalar, { nullable: true, description: 'Spent when the alert was raised; for admins, developers and analysts' })
  @Column('numeric', { nullable: true })
  spend: string | null;
  @Field(() => String, { nullable: true, description: 'Left by whoever acknowledged or resolved it' }) @Column('text', { nullable: true }) note: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was acknowledged; null if it never was' })
  @Column('timestamptz', { nullable: true })
  acknowledgedAt: Date | null;
  @Column('uuid', { nullable: true }) acknowledgedById: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was resolved; null while still open or acknowledged' })
  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;
  @Column('uuid', { nullable: true }) resolvedById: string | null;
  @Field({ description: 'When the alert was raised' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When the alert last changed' }) @Column('timestamptz') updatedAt: Date;
}
