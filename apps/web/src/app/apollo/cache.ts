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
        },
      },
      // The viewer is whoever holds the token: one per client, replaced on sign-in and tenant switch.
      Viewer: { keyFields: [] },
      AuditChainVerification: { keyFields: false },
      TenantLimits: { keyFields: false },
    },
  });
}
