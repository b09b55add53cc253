import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DecimalScalar } from '../../graphql/scalars';
import { CostCategory } from '../costs';

export enum BudgetScope {
  TENANT = 'tenant',
  AGENT = 'agent',
  TAG = 'tag',
  CATEGORY = 'category',
}
registerEnumType(BudgetScope, {
  name: 'BudgetScope',
  description: "Which costs a budget counts: all of the tenant's, one agent's, one tag's or one category's",
  valuesConfig: {
    TENANT: { description: "Counts all of the tenant's costs" },
    AGENT: { description: "Counts one agent's costs" },
    TAG: { description: 'Counts the costs carrying one tag' },
    CATEGORY: { description: 'Counts the costs of one category' },
  },
});

export enum BudgetPeriod {
  MONTHLY = 'monthly',
  QUARTERLY = 'quarterly',
}
registerEnumType(BudgetPeriod, {
  name: 'BudgetPeriod',
  description: 'Calendar months or quarters, in UTC',
  valuesConfig: {
    MONTHLY: { description: 'Calendar months (UTC)' },
    QUARTERLY: { description: 'Calendar quarters (UTC): January-March, April-June, July-September, October-December' },
  },
});

export enum BudgetEnforcement {
  NOTIFY = 'notify',
  BLOCK = 'block',
}
registerEnumType(BudgetEnforcement, {
  name: 'BudgetEnforcement',
  description: 'What happens when spend reaches 100% of the amount: alerts only (notify), or alerts and suspending the agent (block)',
  valuesConfig: {
    NOTIFY: { description: 'Alerts only; nothing is stopped' },
    BLOCK: { description: 'Agent budgets only: at 100% the agent is suspended, as by agentSuspend' },
  },
});

@ObjectType({ implements: Node, description: 'A spending limit per period, with the thresholds that raise alerts' })
@Entity('budgets')
export class Budget implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the budget (use with node(id:) and in inputs)' })
  get id(): string {
    return toGlobalId('Budget', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Display name (1-120 characters)' }) @Column('text') name: string;
  @Field(() => BudgetScope, { description: 'Which costs the budget counts; fixed once created' }) @Column('text') scope: BudgetScope;
  @Column('uuid', { nullable: true }) agentId: string | null;
  @Field(() => String, { nullable: true, description: 'The tag whose costs count, for tag budgets; null for other scopes' })
  @Column('text', { nullable: true })
  tag: string | null;
  @Field(() => CostCategory, { nullable: true, description: 'The cost category that counts, for category budgets; null for other scopes' })
  @Column('text', { nullable: true })
  category: CostCategory | null;
  @Field(() => BudgetPeriod, { description: 'How long each period runs; the amount applies per period' }) @Column('text') period: BudgetPeriod;
  @Field(() => DecimalScalar, {
    nullable: true,
    description: 'The limit per period, in the currency, as a decimal string; for admins, developers and analysts',
  })
  @Column('numeric')
  amount: string;
  @Field({ description: 'ISO 4217 code of the amount, e.g. USD; only costs in this currency count' }) @Column('text') currency: string;
  @Field(() => [Int], { description: 'Percentages of the amount that raise an alert when crossed, ascending' })
  @Column('int', { array: true })
  thresholds: number[];
  @Field(() => BudgetEnforcement, { description: 'What happens when spend reaches 100%' }) @Column('text') enforcement: BudgetEnforcement;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When the budget was created' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When the budget last changed' }) @Column('timestamptz') updatedAt: Date;
}
