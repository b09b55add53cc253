import {
  DocumentNode, FieldNode, FragmentDefinitionNode, getNamedType, GraphQLSchema, Kind, OperationDefinitionNode, SelectionSetNode,
} from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection';
import { ErrorCode, StewardError } from './errors';

export const MAX_DEPTH = 12;
export const MAX_ALIASES = 30;
export const MAX_TOKENS = 5000;

/**
 * GitHub-style points: every field costs 1, and whatever is selected inside a list costs once per
 * item it may return — a connection's page size (first/last, default 50), or the ids asked of nodes().
 */
const pagedEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  if (getNamedType(field.type).name.endsWith('Connection')) {
    const size = typeof args.first === 'number' ? args.first : typeof args.last === 'number' ? args.last : DEFAULT_PAGE_SIZE;
    return 1 + childComplexity * Math.max(size, 1);
  }
  if (Array.isArray(args.ids)) return 1 + childComplexity * Math.max(args.ids.length, 1);
  return undefined;
};

/**
 * The variables as costing needs them: every list cut to one more item than any page may hold.
 * graphql-query-complexity coerces all variables again, which for a batch of 1,000 cost entries
 * was an eighth of the request's CPU; a cut list still costs, and fails, exactly as the whole one.
 */
function boundedForCosting(value: unknown): unknown {
  if (Array.isArray(value)) return value.slice(0, MAX_PAGE_SIZE + 1).map(boundedForCosting);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, boundedForCosting(v)]));
  }
  return value;
}

export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
  return getComplexity({
    schema,
    query: document,
    operationName,
    variables: boundedForCosting(variables) as Record<string, unknown>,
    estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
  });
}

/** Depth and alias counts of the operation, following fragments (each fragment once per path). */
export function operationShape(document: DocumentNode, operation: OperationDefinitionNode): { depth: number; aliases: number } {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  let aliases = 0;
  const walk = (set: SelectionSetNode, depth: number, seen: Set<string>): number => {
    let deepest = depth;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = selection as FieldNode;
        // Introspection is bounded by the schema itself; GraphiQL's own query is 15 levels deep.
        if (field.name.value.startsWith('__')) continue;
        if (field.alias) aliases += 1;
        if (field.selectionSet) deepest = Math.max(deepest, walk(field.selectionSet, depth + 1, seen));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        deepest = Math.max(deepest, walk(selection.selectionSet, depth, seen));
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (fragment && !seen.has(name)) deepest = Math.max(deepest, walk(fragment.selectionSet, depth, new Set([...seen, name])));
      }
    }
    return deepest;
  };
  const depth = walk(operation.selectionSet, 1, new Set());
  return { depth, aliases };
}

function limitError(message: string, extra: Record<string, unknown>): StewardError {
  return new StewardError(message, ErrorCode.COST_LIMIT, { ...extra, http: { status: 400 } });
}

export function enforceLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxCost: number,
): number {
  const { depth, aliases } = operationShape(document, operation);
  if (depth > MAX_DEPTH) throw limitError(`The operation is nested ${depth} levels deep; at most ${MAX_DEPTH} are allowed`, { depth, maxDepth: MAX_DEPTH });
  if (aliases > MAX_ALIASES) throw limitError(`The operation uses ${aliases} aliases; at most ${MAX_ALIASES} are allowed`, { aliases, maxAliases: MAX_ALIASES });
  const cost = operationCost(schema, document, operation.name?.value, variables);
  if (cost > maxCost) {
    throw limitError(`The operation would cost ${cost} points; the limit is ${maxCost}. Ask for smaller pages or fewer nested lists.`, { cost, maxCost });
  }
  return cost;
}
