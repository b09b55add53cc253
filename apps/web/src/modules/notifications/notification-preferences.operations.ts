import { graphql } from '../../gql';

export const NotificationPreferencesQuery = graphql(`
  query NotificationPreferences {
    notificationPreferences {
      kind
      inApp
      email
    }
  }
`);

export const NotificationPreferenceSet = graphql(`
  mutation NotificationPreferenceSet($input: NotificationPreferenceInput!) {
    notificationPreferenceSet(input: $input) {
      notificationPreferences {
        kind
        inApp
        email
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`);
