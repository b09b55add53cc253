import { ReadModel } from '../../graphql/read-model';
import { User } from './user.entity';

/** Users as hot reads see them; `self` (user.rules.ts) reads the id. */
export const userReads = new ReadModel(User, { table: 'users', always: ['uuid'], needs: { memberships: [] } });
