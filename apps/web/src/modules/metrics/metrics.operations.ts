import { graphql } from '../../gql';

/**
 * One agent's series of a metric: every aggregate of each bucket, so switching the plotted one needs no new
 * request; as parallel lists (MetricSeries.buckets), far cheaper to serve than an object per bucket.
 */
export const MetricSeriesFields = graphql(`
  fragment MetricSeriesFields on MetricSeries {
    name
    unit
    agent {
      id
      name
    }
    buckets {
      at
      avg
      sum
      min
      max
      count
      p95
    }
  }
`);

export const MetricSeriesQuery = graphql(`
  query MetricSeries($input: MetricSeriesInput!) {
    metricSeries(input: $input) {
      resolution
      step
      from
      to
      series {
        ...MetricSeriesFields
      }
    }
  }
`);

/** What the explorer's pickers offer: the well-known metrics, the names this tenant has points for, and its agents with their tags. */
export const MetricExplorerOptionsQuery = graphql(`
  query MetricExplorerOptions {
    metricDefinitions {
      name
      unit
      description
      defaultAggregation
    }
    metricNames
    agents(first: 100, orderBy: { field: NAME, direction: ASC }) {
      nodes {
        id
        name
        tags
      }
    }
  }
`);
