import { builders, processAuthors } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

// Deleting and restoring belong to whoever creates the kind; the list shows each caller only the kinds it may restore.
export const deletedItemPermissions: PermissionMap = {
  Query: { recentlyDeleted: anyMember },
  DeletedItem: { '*': anyMember },
  DeletedItemConnection: { '*': anyMember },
  DeletedItemEdge: { '*': anyMember },
  Mutation: {
    // Which group may restore depends on the kind the id names: checked by the resolver.
    restore: anyMember,
    agentDelete: builders,
    policyDelete: builders,
    skillDelete: builders,
    workflowDelete: processAuthors,
  },
  DeletePayload: { '*': anyMember },
  RestorePayload: { '*': anyMember },
};
