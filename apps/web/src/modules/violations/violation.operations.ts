import { graphql } from '../../gql';

export const ViolationRow = graphql(`
  fragment ViolationRow on PolicyViolation {
    id
    status
    severity
    enforcement
    ruleName
    message
    agentName
    policyVersion
    detectedAt
    lastSeenAt
    resolvedAt
    agent {
      id
      name
      status
    }
    policy {
      id
      name
    }
    waiver {
      active
      reason
      waivedAt
      expiresAt
      revokedAt
      waivedBy {
        id
        fullName
      }
    }
  }
`);

export const PolicyViolationsQuery = graphql(`
  query PolicyViolations($first: Int!, $after: String, $filter: PolicyViolationFilter) {
    policyViolations(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          ...ViolationRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const PolicyViolationWaive = graphql(`
  mutation PolicyViolationWaive($input: PolicyViolationWaiveInput!) {
    policyViolationWaive(input: $input) {
      violation {
        ...ViolationRow
        agent {
          id
          complianceStatus
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const PolicyViolationWaiverRevoke = graphql(`
  mutation PolicyViolationWaiverRevoke($input: PolicyViolationWaiverRevokeInput!) {
    policyViolationWaiverRevoke(input: $input) {
      violation {
        ...ViolationRow
        agent {
          id
          complianceStatus
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** Each violation as it is after a change; its policy's and agent's counts come along, so badges follow without a refetch. */
export const PolicyViolationChanged = graphql(`
  subscription PolicyViolationChanged {
    policyViolationChanged {
      ...ViolationRow
      agent {
        id
        complianceStatus
      }
      policy {
        id
        openViolationCount
      }
    }
  }
`);
