import type { NonEmptyArray } from 'type-graphql';
import type { PermissionMap } from '../auth/rules';
import type { NodeFetcher } from '../graphql/node';

/** A domain module's public face: everything the server needs from its folder. */
export interface StewardModule {
  name: string;
  entities: Function[];
  resolvers: NonEmptyArray<Function>;
  permissions: PermissionMap;
  /** Fetchers for node(id:), by GraphQL type name. */
  nodes?: Record<string, NodeFetcher>;
}
