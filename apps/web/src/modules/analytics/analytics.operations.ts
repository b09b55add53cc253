import { graphql } from '../../gql';

export const AnalyticsEventRow = graphql(`
  fragment AnalyticsEventRow on AnalyticsEvent {
    id
    type
    name
    occurredAt
    agent {
      id
      name
    }
    user @include(if: $withPayload) {
      id
      fullName
    }
    payload @include(if: $withPayload)
  }
`);

export const AnalyticsEventsQuery = graphql(`
  query AnalyticsEvents($filter: AnalyticsEventFilter, $first: Int!, $after: String, $withPayload: Boolean!) {
    analyticsEvents(filter: $filter, first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...AnalyticsEventRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const AnalyticsEventCountsQuery = graphql(`
  query AnalyticsEventCounts($filter: AnalyticsEventFilter, $interval: AnalyticsInterval!) {
    analyticsEventCounts(filter: $filter, interval: $interval) {
      at
      type
      count
    }
  }
`);

export const AnalyticsAgentOptionsQuery = graphql(`
  query AnalyticsAgentOptions {
    agents(first: 100, orderBy: { field: NAME, direction: ASC }) {
      nodes {
        id
        name
      }
    }
  }
`);
