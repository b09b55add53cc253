import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { groupedByKey } from '../../graphql/loader';
import { WorkflowExecutionEvent, WorkflowNodeRun } from './execution.entity';

export const nodeRunsByExecution = (ctx: TenantScope) =>
  new DataLoader<string, WorkflowNodeRun[]>(async (ids) =>
    groupedByKey(
      ids,
      await ctx.tx.manager.find(WorkflowNodeRun, { where: { executionId: In([...ids]), tenantId: ctx.caller.tenantId! }, order: { step: 'ASC' } }),
      (r) => r.executionId,
    ),
  );

export const eventsByExecution = (ctx: TenantScope) =>
  new DataLoader<string, WorkflowExecutionEvent[]>(async (ids) =>
    groupedByKey(
      ids,
      await ctx.tx.manager.find(WorkflowExecutionEvent, { where: { executionId: In([...ids]), tenantId: ctx.caller.tenantId! }, order: { seq: 'ASC' } }),
      (e) => e.executionId,
    ),
  );
