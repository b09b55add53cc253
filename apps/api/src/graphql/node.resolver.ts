import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import type { StewardContext } from '../context';
import { StewardError } from './errors';
import { parseGlobalId } from './global-id';
import { Node, NodeFetcher } from './node';
import { Selection } from './read-model';

const MAX_NODES = 100;

/** node(id:) and nodes(ids:) over every module's fetchers. Unknown, malformed and other tenants' ids all read as NOT_FOUND. */
export function nodeResolver(fetchers: Record<string, NodeFetcher>) {
  async function fetch(ctx: StewardContext, globalId: string, selection: Selection): Promise<object | null> {
    const parsed = parseGlobalId(globalId);
    const fetcher = parsed && fetchers[parsed.type];
    return fetcher ? fetcher(ctx, parsed.id, selection) : null;
  }

  @Resolver()
  class NodeResolver {
    @Query(() => Node, { nullable: true, description: 'Any object by its global id' })
    async node(
      @Arg('id', () => ID, { description: 'Global id, as returned in the id field' }) id: string,
      @Ctx() ctx: StewardContext,
      @Info() info: GraphQLResolveInfo,
    ): Promise<object> {
      const found = await fetch(ctx, id, Selection.of(info));
      if (!found) throw StewardError.notFound('Node');
      return found;
    }

    @Query(() => [Node], { nullable: 'itemsAndList', description: `Objects by global id, at most ${MAX_NODES}; null where not found` })
    nodes(
      @Arg('ids', () => [ID], { description: 'Global ids, as returned in id fields; the answer keeps their order' }) ids: string[],
      @Ctx() ctx: StewardContext,
      @Info() info: GraphQLResolveInfo,
    ): Promise<(object | null)[]> {
      if (ids.length > MAX_NODES) throw StewardError.badInput('ids', `ids may hold at most ${MAX_NODES} ids`);
      const selection = Selection.of(info);
      return Promise.all(ids.map((id) => fetch(ctx, id, selection)));
    }
  }
  return NodeResolver;
}
