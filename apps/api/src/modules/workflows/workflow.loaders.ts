import DataLoader from 'dataloader';
import { In } from 'typeorm';
import type { TenantScope } from '../../scope';
import { byKey, groupedByKey } from '../../graphql/loader';
import { Workflow, WorkflowVersion } from './workflow.entity';

export const workflowById = (ctx: TenantScope) =>
  new DataLoader<string, Workflow | null>(async (ids) =>
    byKey(ids, await ctx.tx.manager.findBy(Workflow, { uuid: In([...ids]), tenantId: ctx.caller.tenantId! }), (w) => w.uuid),
  );

/** Versions of a page of workflows, newest first: one statement. */
export const workflowVersionsByWorkflow = (ctx: TenantScope) =>
  new DataLoader<string, WorkflowVersion[]>(async (ids) =>
    groupedByKey(
      ids,
      await ctx.tx.manager.find(WorkflowVersion, { where: { workflowId: In([...ids]), tenantId: ctx.caller.tenantId! }, order: { version: 'DESC' } }),
      (v) => v.workflowId,
    ),
  );
