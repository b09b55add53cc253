import { graphql } from '../../gql';

export const NotificationBellQuery = graphql(`
  query NotificationBell {
    notificationUnreadCount
    notifications(first: 10) {
      nodes {
        id
        kind
        title
        subjectGlobalId
        createdAt
        readAt
      }
    }
  }
`);

export const NotificationCountChanged = graphql(`
  subscription NotificationCountChanged {
    notificationUnreadCountChanged
  }
`);

export const NotificationMarkRead = graphql(`
  mutation NotificationMarkRead($input: NotificationMarkReadInput!) {
    notificationMarkRead(input: $input) {
      unreadCount
      userErrors {
        message
      }
    }
  }
`);

export const NotificationMarkAllRead = graphql(`
  mutation NotificationMarkAllRead {
    notificationMarkAllRead {
      unreadCount
      userErrors {
        message
      }
    }
  }
`);
