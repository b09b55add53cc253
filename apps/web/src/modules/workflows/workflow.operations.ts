import { graphql } from '../../gql';

export const WorkflowRow = graphql(`
  fragment WorkflowRow on Workflow {
    id
    name
    description
    type
    active
    version
    updatedAt
    trigger {
      kind
      cron
      event
      hasWebhookSecret
    }
  }
`);

export const WorkflowsQuery = graphql(`
  query Workflows($first: Int!, $after: String, $filter: WorkflowFilter) {
    workflows(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          ...WorkflowRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const WorkflowDetail = graphql(`
  fragment WorkflowDetail on Workflow {
    ...WorkflowRow
    graph
    createdAt
    versions {
      version
      graph
      createdAt
      createdBy {
        id
        fullName
      }
    }
  }
`);

export const WorkflowQuery = graphql(`
  query Workflow($id: ID!) {
    workflow(id: $id) {
      ...WorkflowDetail
    }
  }
`);

export const WorkflowGraphValidateQuery = graphql(`
  query WorkflowGraphValidate($graph: JSONObject!) {
    workflowGraphValidate(graph: $graph) {
      nodeKey
      edgeKey
      message
    }
  }
`);

/** The agents an agent task or a lifecycle task may name, and the channels a message may go to. */
export const WorkflowAgentOptions = graphql(`
  query WorkflowAgentOptions {
    agents(first: 100, orderBy: { field: NAME, direction: ASC }) {
      nodes {
        id
        name
        channels {
          id
          name
          type
          enabled
        }
      }
    }
  }
`);

export const WorkflowCreate = graphql(`
  mutation WorkflowCreate($input: WorkflowCreateInput!) {
    workflowCreate(input: $input) {
      workflow {
        ...WorkflowDetail
      }
      webhookSecret
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WorkflowUpdate = graphql(`
  mutation WorkflowUpdate($input: WorkflowUpdateInput!) {
    workflowUpdate(input: $input) {
      workflow {
        ...WorkflowDetail
      }
      webhookSecret
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WorkflowActivate = graphql(`
  mutation WorkflowActivate($input: WorkflowRefInput!) {
    workflowActivate(input: $input) {
      workflow {
        ...WorkflowDetail
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WorkflowDeactivate = graphql(`
  mutation WorkflowDeactivate($input: WorkflowRefInput!) {
    workflowDeactivate(input: $input) {
      workflow {
        ...WorkflowDetail
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ExecutionRow = graphql(`
  fragment ExecutionRow on WorkflowExecution {
    id
    status
    version
    startedAt
    finishedAt
    error
    startedBy {
      id
      fullName
    }
    workflow {
      id
      name
    }
  }
`);

export const WorkflowExecutionsQuery = graphql(`
  query WorkflowExecutions($first: Int!, $after: String, $filter: WorkflowExecutionFilter) {
    workflowExecutions(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          ...ExecutionRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ExecutionDetail = graphql(`
  fragment ExecutionDetail on WorkflowExecution {
    ...ExecutionRow
    data
    workflow {
      id
      name
      versions {
        version
        graph
      }
    }
    nodeRuns {
      id
      nodeKey
      nodeType
      step
      status
      attempts
      maxAttempts
      startedAt
      finishedAt
      runAt
      output
      error
      approvalRequest {
        id
      }
    }
    timeline {
      at
      nodeKey
      fromStatus
      toStatus
      message
      actorLabel
      actor {
        id
        fullName
      }
    }
  }
`);

export const WorkflowExecutionQuery = graphql(`
  query WorkflowExecution($id: ID!) {
    workflowExecution(id: $id) {
      ...ExecutionDetail
    }
  }
`);

export const WorkflowRun = graphql(`
  mutation WorkflowRun($input: WorkflowRunInput!) {
    workflowRun(input: $input) {
      execution {
        ...ExecutionRow
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WorkflowExecutionCancel = graphql(`
  mutation WorkflowExecutionCancel($input: WorkflowExecutionCancelInput!) {
    workflowExecutionCancel(input: $input) {
      execution {
        ...ExecutionDetail
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WorkflowExecutionNodeRetry = graphql(`
  mutation WorkflowExecutionNodeRetry($input: WorkflowExecutionNodeRetryInput!) {
    workflowExecutionNodeRetry(input: $input) {
      execution {
        ...ExecutionDetail
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
