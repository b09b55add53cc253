import { InMemoryCache } from '@apollo/client';
import { relayStylePagination } from '@apollo/client/utilities';

/**
 * Connections merge page by page under their filter arguments, so "load more" (fetchMore with
 * `after`) appends to the list the page already shows, and another filter is another list.
 */
export function createCache(): InMemoryCache {
  return new InMemoryCache({
    typePolicies: {
      Query: {
        fields: {
          members: relayStylePagination(['filter', 'orderBy']),
          apiKeys: relayStylePagination(['filter']),
          invitations: relayStylePagination(['filter']),
          auditEntries: relayStylePagination(['filter']),
          agents: relayStylePagination(['filter', 'orderBy']),
          aiModels: relayStylePagination(['filter']),
          skills: relayStylePagination(['filter', 'orderBy']),
          policies: relayStylePagination(['filter']),
          policyViolations: relayStylePagination(['filter']),
          policyDecisions: relayStylePagination(['filter']),
          analyticsEvents: relayStylePagination(['filter']),
          alertRules: relayStylePagination(),
          hrRecords: relayStylePagination(['filter']),
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
    },
  });
}
