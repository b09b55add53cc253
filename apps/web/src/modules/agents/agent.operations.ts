import { type FragmentType, getFragmentData, graphql } from '../../gql';
import type { AgentDetailFieldsFragment, AgentRowFragment, ChannelRowFragment, InstalledSkillFragment } from '../../gql/graphql';
import { ChannelRow } from './AgentChannels';
import { AgentRow } from './AgentsTable';
import { InstalledSkill } from './AgentSkills';

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
    architecture {
      id
      name
      cloudProvider
      environment
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
 * it, or the approval request that holds it (with the require-approval findings that held it), and
 * the warn-mode findings either way. Only admins and developers change agents, so the
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
    policyHolds {
      ...PolicyFindingFields
    }
    heldForApproval {
      id
      title
      status
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

type AgentRef = FragmentType<typeof AgentDetailFields> & { skills: readonly object[]; channels: readonly object[] };

/** An agent of the detail query or of a change's answer, its fragments read, with what the operation adds beside them. */
export type AgentOf<A extends AgentRef> = Omit<A, ' $fragmentRefs' | 'skills' | 'channels'> &
  AgentRowFragment &
  Omit<AgentDetailFieldsFragment, ' $fragmentRefs' | 'skills' | 'channels'> & {
    skills: (A['skills'][number] & InstalledSkillFragment)[];
    channels: (A['channels'][number] & ChannelRowFragment)[];
  };

/** Reads the agent's fragments (row, detail fields, each skill and channel) for the agent pages. */
export function readAgent<A extends AgentRef>(agent: A): AgentOf<A> {
  const fields = getFragmentData(AgentDetailFields, agent);
  const skills = getFragmentData(InstalledSkill, fields.skills);
  const channels = getFragmentData(ChannelRow, fields.channels);
  return {
    ...agent,
    ...getFragmentData(AgentRow, fields),
    ...fields,
    skills: agent.skills.map((skill, i) => ({ ...skill, ...skills[i] })),
    channels: agent.channels.map((channel, i) => ({ ...channel, ...channels[i] })),
  };
}

/** A change's answer with its fragments read: the agent as readAgent gives it, and the policy findings. */
export function readChange(payload: FragmentType<typeof AgentChangeResult> | null | undefined) {
  const change = getFragmentData(AgentChangeResult, payload);
  if (!change) return null;
  return {
    ...change,
    agent: change.agent ? readAgent(change.agent) : null,
    policyViolations: getFragmentData(PolicyFindingFields, change.policyViolations),
    policyWarnings: getFragmentData(PolicyFindingFields, change.policyWarnings),
    policyHolds: getFragmentData(PolicyFindingFields, change.policyHolds),
  };
}

export type AgentChange = NonNullable<ReturnType<typeof readChange>>;

/** An agent as it is after each event about it: the status badge and deploy time follow through the cache. */
export const AgentChangedSubscription = graphql(`
  subscription AgentChanged($agentId: ID) {
    agentChanged(agentId: $agentId) {
      id
      status
      complianceStatus
      updatedAt
      deployedAt
    }
  }
`);
