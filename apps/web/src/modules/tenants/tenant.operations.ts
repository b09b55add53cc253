import { graphql } from '../../gql';

export const TenantRow = graphql(`
  fragment TenantRow on Tenant {
    id
    name
    slug
    plan
    status
    createdAt
    readOnlySince
    resourceLimits {
      maxAgents
      maxMembers
      maxApiKeys
    }
    usage {
      limit
      used
      max
    }
    subscription {
      billingCycle
      trialEndsAt
    }
  }
`);

export const TenantsQuery = graphql(`
  query Tenants($first: Int!, $after: String) {
    tenants(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...TenantRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const TenantCreate = graphql(`
  mutation TenantCreate($input: TenantCreateInput!) {
    tenantCreate(input: $input) {
      tenant {
        ...TenantRow
      }
      adminInvitationToken
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const TenantUpdate = graphql(`
  mutation TenantUpdate($input: TenantUpdateInput!) {
    tenantUpdate(input: $input) {
      tenant {
        ...TenantRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const TenantSuspend = graphql(`
  mutation TenantSuspend($input: TenantLifecycleInput!) {
    tenantSuspend(input: $input) {
      tenant {
        ...TenantRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const TenantReactivate = graphql(`
  mutation TenantReactivate($input: TenantLifecycleInput!) {
    tenantReactivate(input: $input) {
      tenant {
        ...TenantRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const TenantPlanChange = graphql(`
  mutation TenantPlanChange($input: TenantPlanChangeInput!) {
    tenantPlanChange(input: $input) {
      tenant {
        ...TenantRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const TenantTrialExtend = graphql(`
  mutation TenantTrialExtend($input: TenantTrialExtendInput!) {
    tenantTrialExtend(input: $input) {
      tenant {
        ...TenantRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
