import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';

export enum CostEntryOutcomeStatus { RECORDED = 'RECORDED', DUPLICATE = 'DUPLICATE' }
registerEnumType(CostEntryOutcomeStatus, {
  name: 'CostEntryOutcomeStatus',
  valuesConfig: { DUPLICATE: { description: 'Recorded before with the same idempotency key and content: not counted again' } },
});

@ObjectType()
export class CostEntryOutcome {
  @Field() idempotencyKey: string;
  @Field(() => CostEntryOutcomeStatus) outcome: CostEntryOutcomeStatus;
}

@ObjectType({ description: 'What became of each entry, in input order; nothing is written when there are userErrors' })
export class CostEntriesRecordPayload {
  @Field(() => Int, { nullable: true }) recordedCount: number | null;
  @Field(() => Int, { nullable: true }) duplicateCount: number | null;
  @Field(() => [CostEntryOutcome], { nullable: true }) entries: CostEntryOutcome[] | null;
  @Field(() => [UserError], { description: 'Problems by entry, e.g. field ["input", "entries", "3", "amount"]' }) userErrors: UserError[];
}
