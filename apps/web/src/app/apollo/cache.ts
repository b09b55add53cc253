import { InMemoryCache, type TypePolicies } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';
import { nodesPagination } from './nodes-pagination';

/**
 * Connections merge page by page under their other arguments, so "load more" (fetchMore with `after`) appends to
 * the list the page already shows, and another filter or order is another list. Most of the lists also
 * keep their page size apart (`first`): the navigation's counts (`alerts(first: 0)`, `approvalInbox(first: 100)`)
 * and the overview's short lists must not replace a page's rows. cache.test.ts checks every paged field has a policy.
 */
export const typePolicies: TypePolicies = {
  Query: {
    fields: {
      members: relayStylePagination(['filter', 'orderBy']),
      apiKeys: relayStylePagination(['filter']),
      invitations: relayStylePagination(['filter']),
      auditEntries: relayStylePagination(['filter']),
      agents: relayStylePagination(['filter', 'orderBy']),
      aiModels: relayStylePagination(['first', 'filter', 'orderBy']),
      skills: relayStylePagination(['filter', 'orderBy']),
      policies: relayStylePagination(['first', 'filter', 'orderBy']),
      policyViolations: relayStylePagination(['filter']),
      policyDecisions: relayStylePagination(['filter']),
      analyticsEvents: relayStylePagination(['filter']),
      alertRules: relayStylePagination(),
      hrRecords: relayStylePagination(['filter']),
      alerts: relayStylePagination(['first', 'filter']),
      approvalInbox: relayStylePagination(['first']),
      approvalRequests: relayStylePagination(['first', 'filter']),
      budgets: relayStylePagination(['first', 'filter']),
      workflows: relayStylePagination(['first', 'filter']),
      workflowExecutions: relayStylePagination(['first', 'filter']),
      tenants: relayStylePagination(['first']),
      // Read through `nodes`.
      architectures: nodesPagination(['first', 'filter']),
      complianceControls: nodesPagination(['first', 'filter']),
      complianceEvidenceItems: nodesPagination(['first', 'filter']),
      complianceRecords: nodesPagination(['first', 'filter']),
      recentlyDeleted: nodesPagination(['first', 'kinds']),
    },
  },
  // The viewer is whoever holds the token: one per client, replaced on sign-in and tenant switch.
  Viewer: { keyFields: [] },
  Agent: { fields: { activity: relayStylePagination(['filter']), violations: relayStylePagination(['filter']), tasks: relayStylePagination(['filter']) } },
  Policy: { fields: { versions: relayStylePagination() } },
  // Value objects without ids: a newer read replaces the older one whole.
  PolicyScope: { merge: true },
  PolicyWaiver: { merge: true },
  AuditChainVerification: { keyFields: false },
  TenantLimits: { keyFields: false },
};

export function createCache(): InMemoryCache {
  return new InMemoryCache({ typePolicies });
}
