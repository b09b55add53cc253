import { graphql } from '../../gql';

export const TenantUsageQuery = graphql(`
  query TenantUsage {
    tenant {
      id
      name
      plan
      features
      readOnlySince
      planDetails {
        name
        monthlyPrice
        annualPrice
      }
      subscription {
        status
        billingCycle
        price
        startedAt
        trialEndsAt
      }
      usage {
        limit
        used
        max
        liftedBy {
          name
        }
      }
      usageDays {
        start
        events
        apiRequests
      }
      usageMonths {
        start
        events
        apiRequests
      }
      subscriptions {
        status
        billingCycle
        price
        startedAt
        endedAt
        plan {
          name
        }
      }
    }
    plans {
      tier
      name
      features
      limits {
        maxApiRequestsPerMinute
      }
    }
  }
`);
