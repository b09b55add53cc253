import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { TelemetryBatchOutcome } from '../metrics';

@ObjectType({ description: 'What became of a batch of health reports; nothing is written when there are userErrors' })
export class AgentHealthReportsRecordPayload {
  @Field(() => TelemetryBatchOutcome, { nullable: true, description: 'Recorded now or a duplicate; null when refused' }) outcome: TelemetryBatchOutcome | null;
  @Field(() => Int, { nullable: true, description: 'Reports in the batch; null when refused' }) recordedCount: number | null;
  @Field(() => [UserError], { description: 'Problems by report, e.g. field ["input", "reports", "2", "status"]' }) userErrors: UserError[];
}
