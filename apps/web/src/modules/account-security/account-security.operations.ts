import { graphql } from '../../gql';

export const MfaStatusQuery = graphql(`
  query MfaStatus {
    mfaStatus {
      enabled
      enabledAt
      recoveryCodesLeft
      required
    }
  }
`);

export const TotpDisable = graphql(`
  mutation TotpDisable($input: TotpDisableInput!) {
    totpDisable(input: $input) {
      disabled
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const PasswordChange = graphql(`
  mutation PasswordChange($input: PasswordChangeInput!) {
    passwordChange(input: $input) {
      changed
      otherSessionsEnded
      userErrors {
        field
        message
        code
      }
    }
  }
`);
