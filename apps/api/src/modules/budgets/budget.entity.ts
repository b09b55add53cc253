import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DecimalScalar } from '../../graphql/scalars';
import { CostCategory } from '../costs';

export enum BudgetScope { TENANT = 'tenant', AGENT = 'agent', TAG = 'tag', CATEGORY = 'category' }
registerEnumType(BudgetScope, { name: 'BudgetScope', description: 'Which costs a budget counts: all of the tenant\'s, one agent\'s, one tag\'s or one category\'s' });

export enum BudgetPeriod { MONTHLY = 'monthly', QUARTERLY = 'quarterly' }
registerEnumType(BudgetPeriod, { name: 'BudgetPeriod', description: 'Calendar months or quarters, in UTC' });

export enum BudgetEnforcement { NOTIFY = 'notify', BLOCK = 'block' }
registerEnumType(BudgetEnforcement, {
  name: 'BudgetEnforcement',
  valuesConfig: { BLOCK: { description: 'Agent budgets only: at 100% the agent is suspended, as by agentSuspend' } },
});

@ObjectType({ implements: Node, description: 'A spending limit per period, with the thresholds that raise alerts' })
@Entity('budgets')
export class Budget implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID)
  get id(): string {
    return toGlobalId('Budget', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field() @Column('text') name: string;
  @Field(() => BudgetScope) @Column('text') scope: BudgetScope;
  @Column('uuid', { nullable: true }) agentId: string | null;
  @Field(() => String, { nullable: true, description: 'For tag budgets' }) @Column('text', { nullable: true }) tag: string | null;
  @Field(() => CostCategory, { nullable: true, description: 'For category budgets' }) @Column('text', { nullable: true }) category: CostCategory | null;
  @Field(() => BudgetPeriod) @Column('text') period: BudgetPeriod;
  @Field(() => DecimalScalar, { nullable: true, description: 'The limit per period; for admins, developers and analysts' }) @Column('numeric') amount: string;
  @Field() @Column('text') currency: string;
  @Field(() => [Int], { description: 'Percentages of the amount that raise an alert when crossed, ascending' }) @Column('int', { array: true }) thresholds: number[];
  @Field(() => BudgetEnforcement) @Column('text') enforcement: BudgetEnforcement;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field() @Column('timestamptz') createdAt: Date;
  @Field() @Column('timestamptz') updatedAt: Date;
}
