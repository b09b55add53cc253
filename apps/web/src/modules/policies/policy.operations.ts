import { graphql } from '../../gql';

export const PolicyRow = graphql(`
  fragment PolicyRow on Policy {
    id
    name
    description
    type
    category
    severity
    enforcement
    active
    version
    openViolationCount
    lastEvaluatedAt
    updatedAt
    scope {
      kind
      tags
      agents {
        id
        name
      }
    }
  }
`);

export const PoliciesQuery = graphql(`
  query Policies($first: Int!, $after: String, $filter: PolicyFilter, $orderBy: NamedOrder) {
    policies(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges {
        cursor
        node {
          ...PolicyRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PolicyDetailQuery = graphql(`
  query PolicyDetail($id: ID!, $withRules: Boolean!) {
    policy(id: $id) {
      ...PolicyRow
      createdAt
      createdBy {
        id
        fullName
      }
      rules @include(if: $withRules) {
        name
        condition
        message
      }
      latestEvaluationRun @include(if: $withRules) {
        ...EvaluationRunProgress
      }
    }
  }
`);

export const PolicyChangeResult = graphql(`
  fragment PolicyChangeResult on PolicyPayload {
    heldForApproval {
      id
      title
      status
    }
    policy {
      ...PolicyRow
      rules {
        name
        condition
        message
      }
      latestEvaluationRun {
        ...EvaluationRunProgress
      }
    }
    userErrors {
      field
      message
      code
    }
  }
`);

export const PolicyCreate = graphql(`
  mutation PolicyCreate($input: PolicyCreateInput!) {
    policyCreate(input: $input) {
      ...PolicyChangeResult
    }
  }
`);

export const PolicyUpdate = graphql(`
  mutation PolicyUpdate($input: PolicyUpdateInput!) {
    policyUpdate(input: $input) {
      ...PolicyChangeResult
    }
  }
`);

export const PolicyActivate = graphql(`
  mutation PolicyActivate($input: PolicyActivationInput!) {
    policyActivate(input: $input) {
      ...PolicyChangeResult
    }
  }
`);

export const PolicyDeactivate = graphql(`
  mutation PolicyDeactivate($input: PolicyActivationInput!) {
    policyDeactivate(input: $input) {
      ...PolicyChangeResult
    }
  }
`);

export const PolicyRuleTestQuery = graphql(`
  query PolicyRuleTest($input: PolicyRuleTestInput!) {
    policyRuleTest(input: $input) {
      valid
      result
      outcome
      error {
        message
        position {
          line
          column
          offset
        }
      }
    }
  }
`);

export const PolicyDryRunQuery = graphql(`
  query PolicyDryRun($input: PolicyDryRunInput!) {
    policyDryRun(input: $input) {
      evaluatedCount
      flaggedCount
      erroredCount
      agents {
        agent {
          id
          name
          status
          complianceStatus
        }
        violatedRules {
          ruleName
          message
        }
        erroredRules {
          ruleName
          message
        }
      }
    }
  }
`);

export const RuleTestAgents = graphql(`
  query RuleTestAgents {
    agents(first: 100, orderBy: { field: NAME, direction: ASC }) {
      edges {
        node {
          id
          name
          status
          tags
        }
      }
    }
  }
`);

export const PolicyConditionLanguageQuery = graphql(`
  query PolicyConditionLanguage {
    policyConditionLanguage {
      variables {
        name
        fields {
          name
          type
        }
      }
      functions
      methods
    }
  }
`);
