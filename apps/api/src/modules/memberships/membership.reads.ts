import { ReadModel } from '../../graphql/read-model';
import { tenantReads } from '../tenants';
import { userReads } from '../users';
import { Membership } from './membership.entity';

/** Memberships as hot reads see them; `own` (membership.rules.ts) reads the user id. */
export const membershipReads = new ReadModel(Membership, {
  table: 'memberships',
  always: ['uuid', 'userId'],
  needs: { customRole: ['customRoleId'], assignedBy: ['assignedById'] },
  joins: { user: { model: () => userReads, via: 'userId' }, tenant: { model: () => tenantReads, via: 'tenantId' } },
});
