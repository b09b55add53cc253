import { Field, ID, InterfaceType } from 'type-graphql';
import type { StewardContext } from '../context';

@InterfaceType({ description: 'An object with an opaque global id, fetchable with node(id:)' })
export abstract class Node {
  @Field(() => ID)
  id: string;
}

/** How node(id:) fetches objects of one type: by database id, within the caller's rights. */
export type NodeFetcher = (ctx: StewardContext, id: string) => Promise<object | null>;
