import { graphql } from '../../gql';

export const SsoConnectionQuery = graphql(`
  query SsoConnection {
    ssoConnection {
      id
      issuer
      clientId
      clientSecretSet
      allowedDomains
      defaultRole
      ssoOnly
      enabled
      updatedAt
    }
  }
`);

export const SsoConnectionSave = graphql(`
  mutation SsoConnectionSave($input: SsoConnectionSaveInput!) {
    ssoConnectionSave(input: $input) {
      ssoConnection {
        id
        issuer
        clientId
        clientSecretSet
        allowedDomains
        defaultRole
        ssoOnly
        enabled
        updatedAt
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const MfaRequirementQuery = graphql(`
  query MfaRequirement {
    mfaRequirement
  }
`);

export const MfaRequirementSet = graphql(`
  mutation MfaRequirementSet($input: MfaRequirementSetInput!) {
    mfaRequirementSet(input: $input) {
      requirement
      userErrors {
        field
        message
        code
      }
    }
  }
`);
