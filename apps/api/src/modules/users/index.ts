import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { userReads } from './user.reads';
import { User } from './user.entity';
import { UserResolver } from './user.resolver';
import { userPermissions } from './user.rules';

export { User } from './user.entity';
export { userById } from './user.loaders';
export { userReads } from './user.reads';

export const usersModule: StewardModule = {
  name: 'users',
  entities: [User],
  resolvers: [UserResolver],
  permissions: userPermissions,
  nodes: { User: (ctx, id, selection) => readById(ctx, userReads, selection).load(id) },
};
