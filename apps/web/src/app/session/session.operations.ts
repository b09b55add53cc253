import { graphql } from '../../gql';

export const SessionCreate = graphql(`
  mutation SessionCreate($input: SessionCreateInput!) {
    sessionCreate(input: $input) {
      accessToken
      accessTokenExpiresAt
      mfaStep
      mfaChallengeToken
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const SessionRefresh = graphql(`
  mutation SessionRefresh {
    sessionRefresh(input: {}) {
      accessToken
      accessTokenExpiresAt
    }
  }
`);

export const SessionRevoke = graphql(`
  mutation SessionRevoke {
    sessionRevoke(input: {}) {
      ok
    }
  }
`);

export const SessionTenantSwitch = graphql(`
  mutation SessionTenantSwitch($input: SessionTenantSwitchInput!) {
    sessionTenantSwitch(input: $input) {
      accessToken
      accessTokenExpiresAt
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const SessionMfaVerify = graphql(`
  mutation SessionMfaVerify($input: SessionMfaVerifyInput!) {
    sessionMfaVerify(input: $input) {
      accessToken
      accessTokenExpiresAt
      userErrors {
        field
        message
        code
      }
    }
  }
`);
