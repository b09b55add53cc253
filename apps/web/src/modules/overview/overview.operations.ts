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
    nonCompliant: agents(first: 5, filter: { complianceStatuses: [non_compliant], statuses: [draft, deployed, suspended] }, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      nodes {
        ...OverviewAgent
      }
    }
    openViolations: policyViolations(first: 5, filter: { statuses: [open] }) @include(if: $withViolations) {
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
