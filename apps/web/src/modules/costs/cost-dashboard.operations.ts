import { graphql } from '../../gql';

/** Every chart of the dashboard in one request; each chart reads its own alias and its own errors. */
export const CostDashboardQuery = graphql(`
  query CostDashboard($from: LocalDate!, $to: LocalDate!, $interval: CostInterval!, $filter: CostFilter!, $asOf: LocalDate!) {
    byProvider: costRollup(from: $from, to: $to, interval: $interval, groupBy: PROVIDER, filter: $filter) {
      period
      key
      label
      amount
    }
    byCategory: costRollup(from: $from, to: $to, groupBy: CATEGORY, filter: $filter) {
      key
      label
      amount
    }
    topAgents: costTopAgents(from: $from, to: $to, limit: 10, filter: $filter) {
      amount
      entries
      agent {
        id
        name
      }
    }
    summary: costSummary(from: $from, to: $to, filter: $filter) {
      currency
      from
      to
      total
      previousFrom
      previousTo
      previousTotal
      change
      changePercent
      entries
    }
    forecast: costForecast(asOf: $asOf, filter: $filter) {
      currency
      asOf
      monthStart
      monthToDate
      dailyRunRate
      daysElapsed
      daysInMonth
      projectedMonthEnd
    }
  }
`);

/** The current rollup as the API writes it for spreadsheets. */
export const CostRollupCsvQuery = graphql(`
  query CostRollupCsv($from: LocalDate!, $to: LocalDate!, $interval: CostInterval!, $filter: CostFilter!) {
    costRollupCsv(from: $from, to: $to, interval: $interval, groupBy: PROVIDER, filter: $filter)
  }
`);

/** Names and tags to filter by: every role may read the inventory. */
export const CostAgentOptionsQuery = graphql(`
  query CostAgentOptions {
    agents(first: 100, orderBy: { field: NAME, direction: ASC }) {
      nodes {
        id
        name
        tags
      }
    }
  }
`);
