import { type FragmentType, getFragmentData, graphql } from '../../gql';

/** One request as a list shows it: what is asked, by whom, where it stands and by when. */
export const ApprovalRequestRow = graphql(`
  fragment ApprovalRequestRow on ApprovalRequest {
    id
    title
    summary
    kind
    status
    createdAt
    decidedAt
    deadline
    requestedBy {
      id
      fullName
    }
    currentStep {
      level
      name
      mode
      requiredApprovals
      approvals
      rejections
      eligibleDeciders {
        id
      }
    }
  }
`);

export const ApprovalInboxQuery = graphql(`
  query ApprovalInbox($first: Int!, $after: String) {
    approvalInbox(first: $first, after: $after) {
      totalCount
      edges {
        cursor
        node {
          ...ApprovalRequestRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ApprovalRequestsQuery = graphql(`
  query ApprovalRequests($first: Int!, $after: String, $filter: ApprovalRequestFilter) {
    approvalRequests(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          ...ApprovalRequestRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const ApprovalInboxCountQuery = graphql(`
  query ApprovalInboxCount {
    approvalInbox(first: 100) {
      totalCount
      edges {
        cursor
        node {
          id
        }
      }
    }
  }
`);

/** Everything the request page shows: the subject, the steps with their decisions, the discussion. */
export const ApprovalRequestDetail = graphql(`
  fragment ApprovalRequestDetail on ApprovalRequest {
    ...ApprovalRequestRow
    viewerCanDecide
    viewerDecision {
      id
      value
    }
    heldChange @include(if: $withChange) {
      action
      before
      after
      status
      outcomeMessage
      appliedAt
    }
    agent {
      id
      name
      status
    }
    policy {
      id
      name
      version
    }
    findings {
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
    formFields {
      key
      label
      type
      required
      options
    }
    steps {
      level
      name
      mode
      requiredApprovals
      approvals
      rejections
      status
      timeoutSeconds
      onTimeout
      openedAt
      deadline
      closedAt
      deciders {
        kind
        role
        resolver
        user {
          id
          fullName
        }
      }
      eligibleDeciders {
        id
        fullName
      }
    }
    decisions {
      id
      value
      comment
      formValues
      level
      createdAt
      decider {
        id
        fullName
      }
    }
    comments {
      id
      body
      createdAt
      author {
        id
        fullName
      }
    }
  }
`);

export const ApprovalRequestQuery = graphql(`
  query ApprovalRequest($id: ID!, $withChange: Boolean!) {
    approvalRequest(id: $id) {
      ...ApprovalRequestDetail
    }
  }
`);

export const ApprovalRequestApprove = graphql(`
  mutation ApprovalRequestApprove($input: ApprovalRequestApproveInput!, $withChange: Boolean!) {
    approvalRequestApprove(input: $input) {
      approvalRequest {
        ...ApprovalRequestDetail
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ApprovalRequestReject = graphql(`
  mutation ApprovalRequestReject($input: ApprovalRequestRejectInput!, $withChange: Boolean!) {
    approvalRequestReject(input: $input) {
      approvalRequest {
        ...ApprovalRequestDetail
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const ApprovalRequestComment = graphql(`
  mutation ApprovalRequestComment($input: ApprovalRequestCommentInput!) {
    approvalRequestComment(input: $input) {
      comment {
        id
        body
        createdAt
        author {
          id
          fullName
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

export const ApprovalRequestCancel = graphql(`
  mutation ApprovalRequestCancel($input: ApprovalRequestCancelInput!, $withChange: Boolean!) {
    approvalRequestCancel(input: $input) {
      approvalRequest {
        ...ApprovalRequestDetail
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** What the inbox, the count and the agent page show changes with every decision. */
export const AFTER_DECISION = ['ApprovalInbox', 'ApprovalInboxCount', 'ApprovalRequests', 'PendingApprovals', 'AgentDetail'];

/** A request of the detail query or a decision's answer, with its row fragment read as well. */
export function readRequest(ref: FragmentType<typeof ApprovalRequestDetail> | null | undefined) {
  const detail = getFragmentData(ApprovalRequestDetail, ref);
  if (!detail) return null;
  return { ...getFragmentData(ApprovalRequestRow, detail), ...detail };
}

export type ApprovalRequestView = NonNullable<ReturnType<typeof readRequest>>;

/** Each request as it is opened or decided, with the row's fields and whether it waits for the viewer: lists place it from this alone. */
export const ApprovalRequestChangedSubscription = graphql(`
  subscription ApprovalRequestChanged {
    approvalRequestChanged {
      ...ApprovalRequestRow
      viewerCanDecide
    }
  }
`);

/** The request a page shows, as it is after every decision, comment, step or end of it: only that request, with the page's fields. */
export const ApprovalRequestLiveSubscription = graphql(`
  subscription ApprovalRequestLive($id: ID!, $withChange: Boolean!) {
    approvalRequestChanged(id: $id) {
      ...ApprovalRequestDetail
    }
  }
`);
