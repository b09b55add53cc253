import { trailReaders } from '../../auth/role-groups';
import { PermissionMap } from '../../auth/rules';

/** The event log tells who did what across the tenant, like the audit log: admins and auditors read it. */
export const eventPermissions: PermissionMap = {
  Query: { domainEvents: trailReaders },
  Subscription: { domainEventAdded: trailReaders },
  DomainEvent: { '*': trailReaders },
  DomainEventConnection: { '*': trailReaders },
  DomainEventEdge: { '*': trailReaders },
};
