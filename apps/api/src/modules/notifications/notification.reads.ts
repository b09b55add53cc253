import { ReadModel } from '../../graphql/read-model';
import { Notification } from './notification.entity';

export const notificationReads = new ReadModel(Notification, {
  table: 'notifications',
  always: ['uuid'],
  needs: { subjectGlobalId: ['subjectType', 'subjectId'] },
});
