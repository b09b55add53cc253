import { processAuthors as workflowAuthors, violationReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

// Admins, developers and compliance officers build workflows; auditors read them too.

export const workflowPermissions: PermissionMap = {
  Query: { workflows: violationReaders, workflow: violationReaders, workflowGraphValidate: workflowAuthors },
  Mutation: {
    workflowCreate: workflowAuthors,
    workflowUpdate: workflowAuthors,
    workflowActivate: workflowAuthors,
    workflowDeactivate: workflowAuthors,
    workflowWebhookSecretRotate: workflowAuthors,
  },
  Workflow: { '*': violationReaders },
  WorkflowConnection: { '*': violationReaders },
  WorkflowEdge: { '*': violationReaders },
  WorkflowTrigger: { '*': violationReaders },
  WorkflowVersion: { '*': violationReaders },
  WorkflowGraphProblem: { '*': workflowAuthors },
  WorkflowPayload: { '*': workflowAuthors },
};
