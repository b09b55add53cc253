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

/** The agents an agent task or a lifecycle task may name. */
export const WorkflowAgentOptions = graphql(`
  query WorkflowAgentOptions {
    agents(first: 100, orderBy: { field: NAME, direction: ASC }) {
      nodes {
        id
        name
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
