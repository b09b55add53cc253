import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { ApprovalComment, ApprovalRequest } from './approval.entity';

@ObjectType({ description: 'The approval request after the change, or why it was refused' })
export class ApprovalRequestPayload {
  @Field(() => ApprovalRequest, { nullable: true, description: 'The request as it is now; null when refused' }) approvalRequest: ApprovalRequest | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The new comment, or why it was refused' })
export class ApprovalCommentPayload {
  @Field(() => ApprovalComment, { nullable: true, description: 'The comment; null when refused' }) comment: ApprovalComment | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
