import { graphql } from '../../gql';

export const WebhookEndpointFields = graphql(`
  fragment WebhookEndpointFields on WebhookEndpoint {
    id
    url
    description
    eventTypes
    active
    disabledReason
    failureStreak
    createdAt
  }
`);

export const WebhookEndpointsQuery = graphql(`
  query WebhookEndpoints {
    webhookEndpoints(first: 20) {
      nodes {
        ...WebhookEndpointFields
      }
    }
  }
`);

export const WebhookDeliveriesQuery = graphql(`
  query WebhookDeliveries($filter: WebhookDeliveryFilter) {
    webhookDeliveries(first: 20, filter: $filter) {
      nodes {
        id
        eventType
        status
        attempts
        nextAttemptAt
        lastStatusCode
        lastDurationMs
        lastError
        createdAt
        attemptLog {
          attempt
          responseExcerpt
        }
      }
    }
  }
`);

export const WebhookEndpointCreate = graphql(`
  mutation WebhookEndpointCreate($input: WebhookEndpointCreateInput!) {
    webhookEndpointCreate(input: $input) {
      webhookEndpoint {
        ...WebhookEndpointFields
      }
      secret
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WebhookEndpointActivate = graphql(`
  mutation WebhookEndpointActivate($input: WebhookEndpointInput!) {
    webhookEndpointActivate(input: $input) {
      webhookEndpoint {
        ...WebhookEndpointFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WebhookEndpointDeactivate = graphql(`
  mutation WebhookEndpointDeactivate($input: WebhookEndpointInput!) {
    webhookEndpointDeactivate(input: $input) {
      webhookEndpoint {
        ...WebhookEndpointFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WebhookEndpointDelete = graphql(`
  mutation WebhookEndpointDelete($input: WebhookEndpointInput!) {
    webhookEndpointDelete(input: $input) {
      deletedWebhookEndpointId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WebhookEndpointTest = graphql(`
  mutation WebhookEndpointTest($input: WebhookEndpointInput!) {
    webhookEndpointTest(input: $input) {
      webhookDelivery {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WebhookDeliveryRedeliver = graphql(`
  mutation WebhookDeliveryRedeliver($input: WebhookDeliveryInput!) {
    webhookDeliveryRedeliver(input: $input) {
      webhookDelivery {
        id
        status
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
