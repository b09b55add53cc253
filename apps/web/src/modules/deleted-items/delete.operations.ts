import { graphql } from '../../gql';

/** Soft deletes the detail pages offer (the agent's is in deleted-item.operations.ts): each answers with the deleted item and until when it can be restored. */
export const PolicyDelete = graphql(`
  mutation PolicyDelete($input: DeletedItemInput!) {
    policyDelete(input: $input) {
      deleted {
        ...DeletedItemFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const SkillDelete = graphql(`
  mutation SkillDelete($input: DeletedItemInput!) {
    skillDelete(input: $input) {
      deleted {
        ...DeletedItemFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const WorkflowDelete = graphql(`
  mutation WorkflowDelete($input: DeletedItemInput!) {
    workflowDelete(input: $input) {
      deleted {
        ...DeletedItemFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);

export const BudgetSoftDelete = graphql(`
  mutation BudgetSoftDelete($input: BudgetDeleteInput!) {
    budgetDelete(input: $input) {
      deleted {
        ...DeletedItemFields
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
