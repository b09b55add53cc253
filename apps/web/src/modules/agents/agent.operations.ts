import { graphql } from '../../gql';

/** Everything the detail page shows that every role may read. */
export const AgentDetailFields = graphql(`
  fragment AgentDetailFields on Agent {
    ...AgentRow
    capabilities
    limitations
    thinkingMode
    totalRequests
    createdAt
    updatedAt
    deployedAt
    createdBy {
      id
      fullName
    }
    model {
      id
      name
      version
      provider
      status
    }
    policiesInScope {
      id
      name
      enforcement
      severity
      type
    }
    skills {
      ...InstalledSkill
    }
    channels {
      ...ChannelRow
    }
  }
`);

export const PolicyFindingFields = graphql(`
  fragment PolicyFindingFields on PolicyFinding {
    policy {
      id
    }
    policyName
    policyVersion
    ruleName
    severity
    enforcement
    message
  }
`);

/**
 * What every change to an agent answers: the agent after it, or the block-mode findings that refused
 * it, and the warn-mode findings either way. Only admins and developers change agents, so the
 * sensitive fields are always theirs to read.
 */
export const AgentChangeResult = graphql(`
  fragment AgentChangeResult on AgentPayload {
    agent {
      ...AgentDetailFields
      configuration
      toolPolicy
      costPerRequest
      skills {
        id
        config
      }
      channels {
        id
        config
      }
    }
    policyViolations {
      ...PolicyFindingFields
    }
    policyWarnings {
      ...PolicyFindingFields
    }
    userErrors {
      field
      message
      code
    }
  }
`);

export const AgentDetailQuery = graphql(`
  query AgentDetail($id: ID!, $withConfiguration: Boolean!, $withCost: Boolean!) {
    agent(id: $id) {
      ...AgentDetailFields
      configuration @include(if: $withConfiguration)
      toolPolicy @include(if: $withConfiguration)
      costPerRequest @include(if: $withCost)
      skills {
        id
        config @include(if: $withConfiguration)
      }
      channels {
        id
        config @include(if: $withConfiguration)
      }
    }
  }
`);

export const AgentDeploy = graphql(`
  mutation AgentDeploy($input: AgentLifecycleInput!) {
    agentDeploy(input: $input) {
      ...AgentChangeResult
    }
  }
`);

export const AgentSuspend = graphql(`
  mutation AgentSuspend($input: AgentLifecycleInput!) {
    agentSuspend(input: $input) {
      ...AgentChangeResult
    }
  }
`);

export const AgentResume = graphql(`
  mutation AgentResume($input: AgentLifecycleInput!) {
    agentResume(input: $input) {
      ...AgentChangeResult
    }
  }
`);

export const AgentArchive = graphql(`
  mutation AgentArchive($input: AgentLifecycleInput!) {
    agentArchive(input: $input) {
      ...AgentChangeResult
    }
  }
`);

export const AgentCreate = graphql(`
  mutation AgentCreate($input: AgentCreateInput!) {
    agentCreate(input: $input) {
      ...AgentChangeResult
    }
  }
`);

export const AgentUpdate = graphql(`
  mutation AgentUpdate($input: AgentUpdateInput!) {
    agentUpdate(input: $input) {
      ...AgentChangeResult
    }
  }
`);
