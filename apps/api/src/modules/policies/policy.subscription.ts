import { Arg, ID, Resolver, Root, Subscription } from 'type-graphql';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { readById, Selection } from '../../graphql/read-model';
import { liveStream } from '../events';
import { PolicyEvaluationRun } from './policy-evaluation-run.entity';
import { PolicyViolation } from './policy-violation.entity';
import { evaluationRunById } from './policy.loaders';
import { violationReads } from './policy.reads';

const VIOLATION_EVENTS = new Set(['violation.opened', 'violation.resolved', 'violation.waived', 'violation.reopened']);
const RUN_EVENTS = new Set(['policy.reevaluation.queued', 'policy.reevaluation.progressed']);

@Resolver()
export class PolicyLiveResolver {
  @Subscription(() => PolicyViolation, {
    nullable: true,
    description:
      "Each violation of the tenant's policies as it is after it was opened, resolved, waived or reopened (a waiver revoked or lapsed); lists place it themselves; over WebSocket only",
    subscribe: ({ context, info }) => {
      const selection = Selection.of(info);
      return liveStream(context, {
        accept: (e) => VIOLATION_EVENTS.has(e.type) && e.subjectId !== null,
        load: (scope, e) => readById(scope, violationReads, selection).load(e.subjectId!),
      });
    },
  })
  policyViolationChanged(@Root() violation: PolicyViolation): PolicyViolation {
    return violation;
  }

  @Subscription(() => PolicyEvaluationRun, {
    nullable: true,
    description:
      "A policy's re-evaluation runs as they stand after each change: queued, started, each batch committed, finished; progress bars follow it; over WebSocket only",
    subscribe: ({ args, context }) => {
      const policyId = expectGlobalId(args.policyId as string, 'Policy', 'policyId');
      return liveStream(context, {
        accept: (e) => RUN_EVENTS.has(e.type) && e.subjectId !== null,
        // Read afresh: a batch that committed after this event was routed shows already (progress never goes back).
        load: async (scope, e) => {
          const run = await loader(scope, evaluationRunById).clear(e.subjectId!).load(e.subjectId!);
          return run && run.policyId === policyId ? run : null;
        },
      });
    },
  })
  policyEvaluationRunChanged(
    @Root() run: PolicyEvaluationRun,
    @Arg('policyId', () => ID, { description: 'The policy whose runs to follow' }) _policyId: string,
  ): PolicyEvaluationRun {
    return run;
  }
}
