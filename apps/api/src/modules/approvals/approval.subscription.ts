import { Resolver, Root, Subscription } from 'type-graphql';
import { readById, Selection } from '../../graphql/read-model';
import { liveStream } from '../events';
import { ApprovalRequest } from './approval.entity';
import { approvalReads } from './approval.reads';

@Resolver(() => ApprovalRequest)
export class ApprovalRequestSubscriptionResolver {
  @Subscription(() => ApprovalRequest, {
    nullable: true,
    description:
      'Each approval request as it is opened, passed on to its next step or decided, as it is after the change (inboxes refresh from it); over WebSocket only',
    subscribe: ({ context, info }) => {
      const selection = Selection.of(info);
      return liveStream(context, {
        accept: (e) => e.type.startsWith('approval.') && e.subjectId !== null,
        load: (scope, e) => readById(scope, approvalReads, selection).load(e.subjectId!),
      });
    },
  })
  approvalRequestChanged(@Root() request: ApprovalRequest): ApprovalRequest {
    return request;
  }
}
