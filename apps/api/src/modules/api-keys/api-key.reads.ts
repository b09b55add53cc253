import { ReadModel } from '../../graphql/read-model';
import { ApiKey } from './api-key.entity';

/** API keys as lists and relations read them; the hash is never selectable (select: false). */
export const apiKeyReads = new ReadModel(ApiKey, {
  table: 'api_keys',
  always: ['uuid'],
  needs: { status: ['revokedAt', 'expiresAt'], createdBy: ['createdById'], customRole: ['customRoleId'] },
});
