import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';

export enum CostEntryOutcomeStatus {
  RECORDED = 'RECORDED',
  DUPLICATE = 'DUPLICATE',
}
registerEnumType(CostEntryOutcomeStatus, {
  name: 'CostEntryOutcomeStatus',
  description: 'What became of a reported cost line: newly recorded, or a duplicate of one recorded before',
  valuesConfig: {
    RECORDED: { description: 'Recorded now' },
    DUPLICATE: { description: 'Recorded before with the same idempotency key and content: not counted again' },
  },
});

@ObjectType({ description: 'What became of one reported cost line' })
export class CostEntryOutcome {
  @Field({ description: 'The idempotency key the line was reported with' }) idempotencyKey: string;
  @Field(() => CostEntryOutcomeStatus, { description: 'Recorded now or a duplicate' }) outcome: CostEntryOutcomeStatus;
}

@ObjectType({ description: 'What became of each entry, in input order; nothing is written when there are userErrors' })
export class CostEntriesRecordPayload {
  @Field(() => Int, { nullable: true, description: 'Lines newly recorded; null when the batch was refused' }) recordedCount: number | null;
  @Field(() => Int, { nullable: true, description: 'Lines recorded before and not counted again; null when the batch was refused' }) duplicateCount:
    number | null;
  @Field(() => [CostEntryOutcome], { nullable: true, description: 'One outcome per input line, in input order; null when the batch was refused' }) entries:
    CostEntryOutcome[] | null;
  @Field(() => [UserError], { description: 'Problems by entry, e.g. field ["input", "entries", "3", "amount"]' }) userErrors: UserError[];
}
