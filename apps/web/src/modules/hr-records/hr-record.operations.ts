import { graphql } from '../../gql';

export const HrRecordRow = graphql(`
  fragment HrRecordRow on HrRecord {
    id
    kind
    status
    personalFieldsVisible
    subjectName
    subjectEmail
    createdAt
    updatedAt
  }
`);

export const HrRecordFields = graphql(`
  fragment HrRecordFields on HrRecord {
    id
    kind
    status
    personalFieldsVisible
    subjectName
    subjectEmail
    data
    aiInsights
    aiInsightsAt
    createdAt
    updatedAt
    createdBy {
      id
      fullName
    }
  }
`);

export const HrRecordsQuery = graphql(`
  query HrRecords($first: Int!, $after: String, $filter: HrRecordFilter) {
    hrRecords(first: $first, after: $after, filter: $filter) {
      totalCount
      edges {
        cursor
        node {
          id
          ...HrRecordRow
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const HrRecordQuery = graphql(`
  query HrRecord($id: ID!) {
    node(id: $id) {
      ... on HrRecord {
        id
        ...HrRecordFields
      }
    }
    hrRecordDataSchemas {
      kind
      schema
    }
  }
`);

export const HrRecordDataSchemasQuery = graphql(`
  query HrRecordDataSchemas {
    hrRecordDataSchemas {
      kind
      schema
    }
  }
`);

export const HrRecordCreate = graphql(`
  mutation HrRecordCreate($input: HrRecordCreateInput!) {
    hrRecordCreate(input: $input) {
      record {
        id
        ...HrRecordFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const HrRecordUpdate = graphql(`
  mutation HrRecordUpdate($input: HrRecordUpdateInput!) {
    hrRecordUpdate(input: $input) {
      record {
        id
        ...HrRecordFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const HrRecordActivate = graphql(`
  mutation HrRecordActivate($input: HrRecordStatusInput!) {
    hrRecordActivate(input: $input) {
      record {
        id
        status
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

export const HrRecordDeactivate = graphql(`
  mutation HrRecordDeactivate($input: HrRecordStatusInput!) {
    hrRecordDeactivate(input: $input) {
      record {
        id
        status
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

export const HrSettingsQuery = graphql(`
  query HrSettings {
    hrSettings {
      adminsReadPersonal
    }
  }
`);

export const HrSettingsUpdate = graphql(`
  mutation HrSettingsUpdate($input: HrSettingsUpdateInput!) {
    hrSettingsUpdate(input: $input) {
      settings {
        adminsReadPersonal
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
