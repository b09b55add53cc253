import { graphql } from '../../gql';

export const AlertRuleRow = graphql(`
  fragment AlertRuleRow on AlertRule {
    id
    name
    description
    condition
    windowMinutes
    forMinutes
    severity
    enabled
    agentTags
    updatedAt
    firing {
      since
      agent {
        id
        name
      }
    }
  }
`);

export const AlertRulesQuery = graphql(`
  query AlertRules($first: Int!, $after: String) {
    alertRules(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...AlertRuleRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AlertRuleCreate = graphql(`
  mutation AlertRuleCreate($input: AlertRuleCreateInput!) {
    alertRuleCreate(input: $input) {
      alertRule {
        ...AlertRuleRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const AlertRuleUpdate = graphql(`
  mutation AlertRuleUpdate($input: AlertRuleUpdateInput!) {
    alertRuleUpdate(input: $input) {
      alertRule {
        ...AlertRuleRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const AlertRuleEnable = graphql(`
  mutation AlertRuleEnable($input: AlertRuleIdInput!) {
    alertRuleEnable(input: $input) {
      alertRule {
        ...AlertRuleRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const AlertRuleDisable = graphql(`
  mutation AlertRuleDisable($input: AlertRuleIdInput!) {
    alertRuleDisable(input: $input) {
      alertRule {
        ...AlertRuleRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const AlertRuleDelete = graphql(`
  mutation AlertRuleDelete($input: AlertRuleIdInput!) {
    alertRuleDelete(input: $input) {
      deletedAlertRuleId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** What a draft rule would have fired over the last day: the API evaluates it on the stored metrics. */
export const AlertRulePreviewQuery = graphql(`
  query AlertRulePreview($input: AlertRulePreviewInput!) {
    alertRulePreview(input: $input) {
      evaluations
      episodes {
        firedAt
        resolvedAt
        peakErrorRate
        agent {
          id
          name
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

/** The agent fields and functions conditions may use (shared with policies), for completion in the editor. */
export const AlertRuleLanguageQuery = graphql(`
  query AlertRuleLanguage {
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
    agents(first: 100, orderBy: { field: NAME, direction: ASC }) {
      nodes {
        id
        tags
      }
    }
  }
`);
