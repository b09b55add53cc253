import type { StewardModule } from '../module';
import { loader } from '../../graphql/loader';
import { User } from './user.entity';
import { userById } from './user.loaders';
import { UserResolver } from './user.resolver';
import { userPermissions } from './user.rules';

export { User } from './user.entity';
export { userById } from './user.loaders';

export const usersModule: StewardModule = {
  name: 'users',
  entities: [User],
  resolvers: [UserResolver],
  permissions: userPermissions,
  nodes: { User: (ctx, id) => loader(ctx, userById).load(id) },
};
