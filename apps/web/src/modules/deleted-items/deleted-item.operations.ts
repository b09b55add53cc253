import { graphql } from '../../gql';

export const DeletedItemFields = graphql(`
  fragment DeletedItemFields on DeletedItem {
    id
    kind
    name
    deletedAt
    restorableUntil
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

export const AgentRestore = graphql(`
  mutation AgentRestore($input: DeletedItemInput!) {
    agentRestore(input: $input) {
      restored {
        id
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

export const PolicyRestore = graphql(`
  mutation PolicyRestore($input: DeletedItemInput!) {
    policyRestore(input: $input) {
      restored {
        id
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

export const SkillRestore = graphql(`
  mutation SkillRestore($input: DeletedItemInput!) {
    skillRestore(input: $input) {
      restored {
        id
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

export const BudgetRestore = graphql(`
  mutation BudgetRestore($input: DeletedItemInput!) {
    budgetRestore(input: $input) {
      restored {
        id
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

export const WorkflowRestore = graphql(`
  mutation WorkflowRestore($input: DeletedItemInput!) {
    workflowRestore(input: $input) {
      restored {
        id
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
