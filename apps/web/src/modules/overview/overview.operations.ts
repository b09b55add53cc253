import { graphql } from '../../gql';

export const OverviewQuery = graphql(`
  query Overview($withViolations: Boolean!, $withAlerts: Boolean!, $withSpend: Boolean!, $withAudit: Boolean!) {
    overview {
      agentsByStatus {
        status
        count
      }
      agentsByCompliance {
        status
        count
      }
      openViolationsBySeverity @include(if: $withViolations) {
        severity
        count
      }
      openAlertsBySeverity @include(if: $withAlerts) {
        severity
        count
      }
    }
    nonCompliant: agents(
      first: 5
      filter: { complianceStatuses: [NON_COMPLIANT], statuses: [DRAFT, DEPLOYED, SUSPENDED] }
      orderBy: { field: NAME, direction: ASC }
    ) {
      totalCount
      nodes {
        ...OverviewAgent
      }
    }
    openViolations: policyViolations(first: 5, filter: { statuses: [OPEN] }) @include(if: $withViolations) {
      nodes {
        ...OverviewViolation
      }
    }
    budgets(first: 6) @include(if: $withSpend) {
      totalCount
      nodes {
        ...OverviewBudget
      }
    }
    auditEntries(first: 6) @include(if: $withAudit) {
      nodes {
        ...OverviewAuditEntry
      }
    }
  }
`);
