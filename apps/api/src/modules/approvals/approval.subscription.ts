import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { StewardError } from '../../graphql/errors';
import { parseGlobalId } from '../../graphql/global-id';
import { readById, Selection } from '../../graphql/read-model';
import { liveStream } from '../events';
import { ApprovalRequest } from './approval.entity';
import { approvalReads } from './approval.reads';

@Resolver(() => ApprovalRequest)
export class ApprovalRequestSubscriptionResolver {
  @Subscription(() => ApprovalRequest, {
    nullable: true,
    description:
      'Each approval request as it is opened, decided on (every decision, also one that leaves its step open), commented on, passed on to its next step or ended, as it is after the change (inboxes refresh from it); over WebSocket only',
    subscribe: ({ args, context, info }) => {
      const id = (args as { id?: string | null }).id;
      const only = id ? parseGlobalId(id) : null;
      if (id && (!only || only.type !== 'ApprovalRequest')) throw StewardError.badInput('id', 'id is not a valid approval request id');
      const selection = Selection.of(info);
      return liveStream(context, {
        accept: (e) => e.type.startsWith('approval.') && e.subjectId !== null && (!only || e.subjectId === only.id),
        load: (scope, e) => readById(scope, approvalReads, selection).load(e.subjectId!),
      });
    },
  })
  approvalRequestChanged(
    @Root() request: ApprovalRequest,
    @Arg('id', () => ID, { nullable: true, description: 'Only this request (its page); every request of the tenant when null' }) _id: string | null,
  ): ApprovalRequest {
    return request;
  }
}
