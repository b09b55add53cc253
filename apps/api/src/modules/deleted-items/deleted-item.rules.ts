import { admins, builders, processAuthors } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

// Deleting and restoring belong to whoever creates the kind; the list shows each caller only the kinds it may restore.
export const deletedItemPermissions: PermissionMap = {
  Query: { recentlyDeleted: anyMember },
  DeletedItem: { '*': anyMember },
  DeletedItemConnection: { '*': anyMember },
  DeletedItemEdge: { '*': anyMember },
  Mutation: {
    agentDelete: builders,
    agentRestore: builders,
    policyDelete: builders,
    policyRestore: builders,
    skillDelete: builders,
    skillRestore: builders,
    budgetRestore: admins,
    workflowDelete: processAuthors,
    workflowRestore: processAuthors,
  },
  DeletePayload: { '*': anyMember },
  RestorePayload: { '*': anyMember },
};
