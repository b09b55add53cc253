import { graphql } from '../../gql';

export const DeletedItemFields = graphql(`
  fragment DeletedItemFields on DeletedItem {
    id
    kind
    name
    deletedAt
    restorableUntil
    personId
    deletedBy {
      id
      fullName
    }
  }
`);

export const RecentlyDeletedQuery = graphql(`
  query RecentlyDeleted($after: String) {
    recentlyDeleted(first: 50, after: $after) {
      totalCount
      nodes {
        ...DeletedItemFields
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AgentDelete = graphql(`
  mutation AgentDelete($input: DeletedItemInput!) {
    agentDelete(input: $input) {
      deleted {
        ...DeletedItemFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** One mutation for every kind: the global id says what is restored. */
export const Restore = graphql(`
  mutation Restore($input: DeletedItemInput!) {
    restore(input: $input) {
      restored {
        id
        kind
        name
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
