import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { BREAK, DocumentNode, getNamedType, GraphQLError, GraphQLSchema, Kind, OperationDefinitionNode, validate, visit } from 'graphql';
import { ComplexityEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './connection';
import { ErrorCode, StewardError } from './errors';

/** GraphiQL's and code generators' introspection query is 15 levels deep, counted like any other. */
export const MAX_DEPTH = 15;
export const MAX_ALIASES = 30;
export const MAX_DIRECTIVES = 50;
/** The whole schema is 170 KB of JSON: one read per operation is all a tool needs. */
export const MAX_SCHEMA_READS = 1;
/** Enforced by graphql-js while parsing (Apollo's parseOptions); see tokenLimitError. */
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

/**
 * Depth, aliases and directives of the operation as it will run, counted by graphql-armor's rules:
 * every fragment spread expanded where it is spread, and introspection fields counted like any other.
 */
export function operationShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): { depth: number; aliases: number; directives: number } {
  const shape = { depth: 0, aliases: 0, directives: 0 };
  // Only the operation that runs, with the fragments it may spread.
  const executed: DocumentNode = { ...document, definitions: document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION) };
  // With no limit of their own, the rules only count; the limits and their messages are ours.
  validate(schema, executed, [
    maxDepthRule({
      n: Infinity,
      ignoreIntrospection: false,
      flattenFragments: true,
      onAccept: [
        (_c, { n }) => {
          shape.depth = n;
        },
      ],
    }),
    maxAliasesRule({
      n: Infinity,
      onAccept: [
        (_c, { n }) => {
          shape.aliases = n;
        },
      ],
    }),
    maxDirectivesRule({
      n: Infinity,
      onAccept: [
        (_c, { n }) => {
          shape.directives = n;
        },
      ],
    }),
  ]);
  return shape;
}

/**
 * How many `__schema` fields the operation answers: its distinct response keys, wherever they are
 * written. `__schema` exists only on Query, so fragments spread more than once merge into the same keys.
 */
export function schemaReads(document: DocumentNode): number {
  const keys = new Set<string>();
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema') keys.add(node.alias?.value ?? node.name.value);
    },
  });
  return keys.size;
}

const schemaReaders = new WeakMap<DocumentNode, boolean>();

/**
 * Whether the operation reads the schema (`__schema`, `__type`) anywhere: at the root, in fragments, nested.
 * Remembered per document: Apollo hands every request with the same text the same parsed document.
 */
export function readsSchema(document: DocumentNode): boolean {
  let found = schemaReaders.get(document);
  if (found === undefined) {
    found = findsSchemaRead(document);
    schemaReaders.set(document, found);
  }
  return found;
}

function findsSchemaRead(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export function operationCost(schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown>): number {
  try {
    return getComplexity({
      schema,
      query: document,
      operationName,
      variables: boundedForCosting(variables) as Record<string, unknown>,
      estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // Costing coerces the variables first; a value that does not fit their type is the caller's to fix.
    if (error instanceof GraphQLError && !error.extensions.code) throw new StewardError(error.message, ErrorCode.BAD_USER_INPUT, { http: { status: 400 } });
    throw error;
  }
}

function limitError(message: string, extra: Record<string, unknown>): StewardError {
  return new StewardError(message, ErrorCode.COST_LIMIT, { ...extra, http: { status: 400 } });
}

/** What is measured of an operation: its shape once, its cost once per set of variables. */
interface Measured {
  depth: number;
  aliases: number;
  directives: number;
  schemaReads: number;
  costs: LRUCache<string, number>;
}

/** Variables longer than this as JSON (a batch of cost entries) are costed each time rather than remembered. */
const MAX_COST_KEY = 2048;
const measuredBySchema = new WeakMap<GraphQLSchema, WeakMap<OperationDefinitionNode, Measured>>();

/**
 * Apollo keeps one parsed document per query text, so the same operation node comes back with every
 * request that sends that text: its measures are remembered on it, and only the limits are compared anew.
 */
function measure(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): Measured {
  let bySchema = measuredBySchema.get(schema);
  if (!bySchema) measuredBySchema.set(schema, (bySchema = new WeakMap()));
  let measured = bySchema.get(operation);
  if (!measured) {
    measured = { ...operationShape(schema, document, operation), schemaReads: schemaReads(document), costs: new LRUCache({ max: 64 }) };
    bySchema.set(operation, measured);
  }
  return measured;
}

function costOf(
  measured: Measured,
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): number {
  // The cost can only depend on variables the operation declares.
  const key = operation.variableDefinitions?.length ? JSON.stringify(variables) : '';
  const known = key.length <= MAX_COST_KEY ? measured.costs.get(key) : undefined;
  if (known !== undefined) return known;
  const cost = operationCost(schema, document, operation.name?.value, variables);
  if (key.length <= MAX_COST_KEY) measured.costs.set(key, cost);
  return cost;
}

export function enforceLimits(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  maxCost: number,
): number {
  const measured = measure(schema, document, operation);
  const { depth, aliases, directives } = measured;
  if (depth > MAX_DEPTH) throw limitError(`The operation is nested ${depth} levels deep; at most ${MAX_DEPTH} are allowed`, { depth, maxDepth: MAX_DEPTH });
  if (aliases > MAX_ALIASES)
    throw limitError(`The operation uses ${aliases} aliases; at most ${MAX_ALIASES} are allowed`, { aliases, maxAliases: MAX_ALIASES });
  if (directives > MAX_DIRECTIVES) {
    throw limitError(`The operation uses ${directives} directives; at most ${MAX_DIRECTIVES} are allowed`, { directives, maxDirectives: MAX_DIRECTIVES });
  }
  const reads = measured.schemaReads;
  if (reads > MAX_SCHEMA_READS) {
    throw limitError(`The operation reads the whole schema (__schema) ${reads} times; at most ${MAX_SCHEMA_READS} is allowed`, {
      schemaReads: reads,
      maxSchemaReads: MAX_SCHEMA_READS,
    });
  }
  const cost = costOf(measured, schema, document, operation, variables);
  if (cost > maxCost) {
    throw limitError(`The operation would cost ${cost} points; the limit is ${maxCost}. Ask for smaller pages or fewer nested lists.`, { cost, maxCost });
  }
  return cost;
}

const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th(?:an|at) (\d+) tokens/;

/** graphql-js's parse error for an over-long document, as a limit error in the words of the others; else undefined. */
export function tokenLimitError(message: string): { message: string; extensions: Record<string, unknown> } | undefined {
  const match = TOO_MANY_TOKENS.exec(message);
  if (!match) return undefined;
  const maxTokens = Number(match[1]);
  return {
    message: `The operation has more than ${maxTokens} tokens (names, values and punctuation); at most ${maxTokens} are allowed`,
    extensions: { code: ErrorCode.COST_LIMIT, maxTokens },
  };
}
