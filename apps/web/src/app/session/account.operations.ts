import { graphql } from '../../gql';

export const InvitationPreviewQuery = graphql(`
  query InvitationPreview($token: String!) {
    invitationPreview(token: $token) {
      status
      email
      tenantName
      tenantSlug
      expiresAt
      accountExists
      ssoOnly
    }
  }
`);

export const InvitationAccept = graphql(`
  mutation InvitationAccept($input: InvitationAcceptInput!) {
    invitationAccept(input: $input) {
      accepted
      email
      tenantName
      ssoOnly
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const PasswordResetRequest = graphql(`
  mutation PasswordResetRequest($input: PasswordResetRequestInput!) {
    passwordResetRequest(input: $input) {
      requested
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const PasswordResetComplete = graphql(`
  mutation PasswordResetComplete($input: PasswordResetCompleteInput!) {
    passwordResetComplete(input: $input) {
      reset
      email
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const EmailVerify = graphql(`
  mutation EmailVerify($input: EmailVerifyInput!) {
    emailVerify(input: $input) {
      verified
      email
      userErrors {
        field
        message
        code
      }
    }
  }
`);
