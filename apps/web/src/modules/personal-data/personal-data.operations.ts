import { graphql } from '../../gql';

export const PersonalDataExportFields = graphql(`
  fragment PersonalDataExportFields on PersonalDataExport {
    id
    status
    progress
    size
    sha256
    error
    downloadPath
    createdAt
    finishedAt
    downloadedAt
  }
`);

export const PersonalDataExportStart = graphql(`
  mutation PersonalDataExportStart($input: PersonalDataExportStartInput!) {
    personalDataExportStart(input: $input) {
      export {
        id
        ...PersonalDataExportFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

/** One export, polled while the job builds it. */
export const PersonalDataExportQuery = graphql(`
  query PersonalDataExport($id: ID!) {
    node(id: $id) {
      ... on PersonalDataExport {
        id
        ...PersonalDataExportFields
      }
    }
  }
`);

export const PersonalDataErase = graphql(`
  mutation PersonalDataErase($input: PersonalDataEraseInput!) {
    personalDataErase(input: $input) {
      erasedUserId
      hrRecordCount
      userErrors {
        field
        message
        code
      }
    }
  }
`);
