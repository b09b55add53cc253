import { graphql } from '../../gql';

export const TotpEnrolmentStart = graphql(`
  mutation TotpEnrolmentStart($input: TotpEnrolmentStartInput!) {
    totpEnrolmentStart(input: $input) {
      secret
      otpauthUri
      qrCode
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const TotpEnrolmentConfirm = graphql(`
  mutation TotpEnrolmentConfirm($input: TotpEnrolmentConfirmInput!) {
    totpEnrolmentConfirm(input: $input) {
      recoveryCodes
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
