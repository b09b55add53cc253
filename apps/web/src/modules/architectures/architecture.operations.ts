import { graphql } from '../../gql';

export const ArchitecturesQuery = graphql(`
  query Architectures($first: Int!, $after: String, $filter: ArchitectureFilter, $withMoney: Boolean!) {
    architectures(first: $first, after: $after, filter: $filter) {
      totalCount
      nodes {
        id
        name
        cloudProvider
        region
        environment
        status
        version
        services {
          key
        }
        estimatedCost @include(if: $withMoney)
        updatedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ArchitectureCatalogueQuery = graphql(`
  query ArchitectureCatalogue {
    architectureCatalogue {
      serviceTypes {
        type
        provider
        kind
        label
        sizes
        defaultSize
        resources
      }
      regions {
        provider
        regions
      }
      priceTableAsOf
      priceTableSource
    }
  }
`);

export const ArchitectureQuery = graphql(`
  query Architecture($id: ID!, $withMoney: Boolean!, $withViolations: Boolean!) {
    architecture(id: $id) {
      id
      name
      description
      cloudProvider
      region
      environment
      status
      version
      tags
      terraformGenerated
      lastTerraformGen
      activatedAt
      updatedAt
      components {
        vpc
        kubernetes
        relational_db
        object_storage
        monitoring
        load_balancer
        cache
        message_queue
      }
      services {
        key
        type
        name
        position {
          x
          y
        }
        properties
        connections
      }
      estimatedCost @include(if: $withMoney)
      estimate @include(if: $withMoney) {
        serviceKey
        serviceName
        type
        size
        region
        monthly
      }
      spend @include(if: $withMoney) {
        month
        amount
        entries
        estimated
      }
      versions {
        version
        reason
        createdAt
      }
      violations @include(if: $withViolations) {
        id
        ruleName
        message
        status
        severity
        enforcement
        policy {
          id
          name
        }
      }
    }
  }
`);

export const ArchitectureCreate = graphql(`
  mutation ArchitectureCreate($input: ArchitectureCreateInput!) {
    architectureCreate(input: $input) {
      architecture {
        id
        name
      }
      policyWarnings {
        policyName
        ruleName
        message
      }
      policyViolations {
        policyName
        ruleName
        message
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ArchitectureUpdate = graphql(`
  mutation ArchitectureUpdate($input: ArchitectureUpdateInput!) {
    architectureUpdate(input: $input) {
      architecture {
        id
        version
      }
      heldForApproval {
        id
        title
      }
      policyHolds {
        policyName
        ruleName
        message
      }
      policyWarnings {
        policyName
        ruleName
        message
      }
      policyViolations {
        policyName
        ruleName
        message
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ArchitectureActivate = graphql(`
  mutation ArchitectureActivate($input: ArchitectureLifecycleInput!) {
    architectureActivate(input: $input) {
      architecture {
        id
        status
      }
      heldForApproval {
        id
        title
      }
      policyHolds {
        policyName
        ruleName
        message
      }
      policyWarnings {
        policyName
        ruleName
        message
      }
      policyViolations {
        policyName
        ruleName
        message
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ArchitectureArchive = graphql(`
  mutation ArchitectureArchive($input: ArchitectureLifecycleInput!) {
    architectureArchive(input: $input) {
      architecture {
        id
        status
      }
      policyWarnings {
        policyName
        ruleName
        message
      }
      policyViolations {
        policyName
        ruleName
        message
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ArchitectureTerraformGenerate = graphql(`
  mutation ArchitectureTerraformGenerate($input: ArchitectureLifecycleInput!) {
    architectureTerraformGenerate(input: $input) {
      architecture {
        id
        terraformGenerated
        lastTerraformGen
      }
      terraform {
        fileName
        zipBase64
        files {
          path
          content
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

export const ArchitectureDiffQuery = graphql(`
  query ArchitectureDiff($id: ID!, $from: Int!, $to: Int) {
    architectureDiff(id: $id, fromVersion: $from, toVersion: $to) {
      fromVersion
      toVersion
      fields {
        field
        before
        after
      }
      servicesAdded {
        key
        name
        type
      }
      servicesRemoved {
        key
        name
        type
      }
      servicesChanged {
        key
        name
        changes {
          field
          before
          after
        }
      }
      connectionsAdded
      connectionsRemoved
    }
  }
`);
