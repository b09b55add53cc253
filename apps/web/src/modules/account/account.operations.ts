import { graphql } from '../../gql';

export const SessionsQuery = graphql(`
  query Sessions {
    sessions {
      id
      device
      userAgent
      ip
      method
      createdAt
      lastUsedAt
      current
    }
  }
`);

export const SessionEnd = graphql(`
  mutation SessionEnd($input: SessionEndInput!) {
    sessionEnd(input: $input) {
      endedSessionId
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const SessionEndOthers = graphql(`
  mutation SessionEndOthers {
    sessionEndOthers {
      endedCount
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const AccountProfileQuery = graphql(`
  query AccountProfile {
    viewer {
      user {
        id
        fullName
        username
        email
      }
    }
  }
`);

export const AccountProfileUpdate = graphql(`
  mutation AccountProfileUpdate($input: UserProfileUpdateInput!) {
    userProfileUpdate(input: $input) {
      user {
        id
        fullName
        username
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const AccountEmailChangeRequest = graphql(`
  mutation AccountEmailChangeRequest($input: EmailChangeRequestInput!) {
    emailChangeRequest(input: $input) {
      sentTo
      userErrors {
        field
        message
        code
      }
    }
  }
`);
