import type { NonEmptyArray } from 'type-graphql';
import type { PermissionMap } from '../auth/rules';
import type { NodeFetcher } from '../graphql/node';

/** A class: a TypeORM entity or a type-graphql resolver. */
export type Class = new (...args: never[]) => object;

/** A domain module's public face: everything the server needs from its folder. */
export interface StewardModule {
  name: string;
  entities: Class[];
  resolvers: NonEmptyArray<Class>;
  permissions: PermissionMap;
  /** Fetchers for node(id:), by GraphQL type name. */
  nodes?: Record<string, NodeFetcher>;
}
