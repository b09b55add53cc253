import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { Notification } from './notification.entity';
import { notificationReads } from './notification.reads';
import { NotificationResolver } from './notification.resolver';
import { notificationPermissions } from './notification.rules';

export const notificationsModule: StewardModule = {
  name: 'notifications',
  entities: [Notification],
  resolvers: [NotificationResolver],
  permissions: notificationPermissions,
  nodes: { Notification: (ctx, id, selection) => readById(ctx, notificationReads, selection).load(id) },
};
