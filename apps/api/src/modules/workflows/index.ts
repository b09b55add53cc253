import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { Workflow, WorkflowVersion } from './workflow.entity';
import { workflowReads } from './workflow.reads';
import { WorkflowResolver, WorkflowVersionResolver } from './workflow.resolver';
import { workflowPermissions } from './workflow.rules';

export { validateGraph } from './workflow-graph';
export type { GraphEdge, GraphNode, GraphProblem, WorkflowGraph } from './workflow-graph';
export { Workflow, WorkflowEvent, WorkflowTriggerKind, WorkflowType, WorkflowVersion } from './workflow.entity';
export { WorkflowCreateInput } from './workflow.inputs';
export { createWorkflow, findWorkflow } from './workflow.service';
export { workflowById } from './workflow.loaders';

export const workflowsModule: StewardModule = {
  name: 'workflows',
  entities: [Workflow, WorkflowVersion],
  resolvers: [WorkflowResolver, WorkflowVersionResolver],
  permissions: workflowPermissions,
  nodes: { Workflow: (ctx, id, selection) => readById(ctx, workflowReads, selection).load(id) },
};
