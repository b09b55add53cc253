import { Field, ID, InterfaceType } from 'type-graphql';
import type { TenantScope } from '../scope';
import type { Selection } from './read-model';

@InterfaceType({ description: 'An object with an opaque global id, fetchable with node(id:)' })
export abstract class Node {
  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  id: string;
}

/** How node(id:) fetches objects of one type: by database id, within the caller's rights; `selection` is what the query reads of it. */
export type NodeFetcher = (ctx: TenantScope, id: string, selection: Selection) => Promise<object | null>;
