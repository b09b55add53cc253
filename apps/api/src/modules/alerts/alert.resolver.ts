import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Selection, readById, readByIdFor } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { mutate } from '../../graphql/mutation';
import { Agent, agentReads } from '../agents';
import { Budget, budgetReads } from '../budgets';
import { liveStream } from '../events';
import { User, userReads } from '../users';
import { Alert } from './alert.entity';
import { AlertFilter, AlertTransitionInput } from './alert.inputs';
import { AlertPayload } from './alert.payloads';
import { alertReads } from './alert.reads';
import { changeAlert, listAlerts } from './alert.service';

export const AlertConnection = connectionType(Alert, 'Alert');

function transition(ctx: StewardContext, input: AlertTransitionInput, action: 'acknowledge' | 'resolve'): Promise<AlertPayload> {
  const id = expectGlobalId(input.alertId, 'Alert', 'input.alertId');
  return mutate(
    ctx,
    { action: `alert.${action}`, entityType: 'Alert', entityId: id },
    async () => ({ alert: await changeAlert(ctx, id, action, input.note), userErrors: [] }),
    () => ({ alert: null }),
  );
}

@Resolver(() => Alert)
export class AlertResolver {
  @Query(() => AlertConnection, { nullable: true, description: "The tenant's alerts, newest first" })
  alerts(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AlertFilter, { nullable: true, description: 'Only alerts matching these conditions; all alerts when null' })
    filter: AlertFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Alert>> {
    return listAlerts(ctx, page, filter, Selection.of(info, true));
  }

  @Subscription(() => Alert, {
    nullable: true,
    description: 'Each alert as it is raised, acknowledged or resolved, as it is after the change; over WebSocket only',
    subscribe: ({ context, info }) => {
      const selection = Selection.of(info);
      return liveStream(context, {
        accept: (e) => e.type.startsWith('alert.') && e.subjectId !== null,
        load: (scope, e) => readById(scope, alertReads, selection).load(e.subjectId!),
      });
    },
  })
  alertChanged(@Root() alert: Alert): Alert {
    return alert;
  }

  @FieldResolver(() => Budget, { nullable: true, description: 'The budget that raised it; null once deleted' })
  budget(@Root() alert: Alert, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Budget | null> | null {
    return alert.budgetId ? readByIdFor(ctx, budgetReads, info).load(alert.budgetId) : null;
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent a rule or health alert is about; null for budget alerts' })
  agent(@Root() alert: Alert, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Agent | null> | null {
    return alert.agentId ? readByIdFor(ctx, agentReads, info).load(alert.agentId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who acknowledged it; null if nobody did or the user is gone' })
  acknowledgedBy(@Root() alert: Alert, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return alert.acknowledgedById ? readByIdFor(ctx, userReads, info).load(alert.acknowledgedById) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who resolved it; null while unresolved, when it resolved itself, or the user is gone' })
  resolvedBy(@Root() alert: Alert, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return alert.resolvedById ? readByIdFor(ctx, userReads, info).load(alert.resolvedById) : null;
  }

  @Mutation(() => AlertPayload, { nullable: true, description: 'open → acknowledged: someone is on it' })
  alertAcknowledge(
    @Arg('input', { description: 'The open alert and an optional note' }) input: AlertTransitionInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AlertPayload> {
    return transition(ctx, input, 'acknowledge');
  }

  @Mutation(() => AlertPayload, { nullable: true, description: 'open or acknowledged → resolved' })
  alertResolve(
    @Arg('input', { description: 'The alert and an optional note' }) input: AlertTransitionInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AlertPayload> {
    return transition(ctx, input, 'resolve');
  }
}
