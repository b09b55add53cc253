import { graphql } from '../../gql';

export const SsoSignInStart = graphql(`
  mutation SsoSignInStart($input: SsoSignInStartInput!) {
    ssoSignInStart(input: $input) {
      authorizationUrl
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const SsoSignInComplete = graphql(`
  mutation SsoSignInComplete($input: SsoSignInCompleteInput!) {
    ssoSignInComplete(input: $input) {
      accessTokenExpiresAt
      userErrors {
        field
        message
        code
      }
    }
  }
`);
