import { Environment, ParseResult } from '@marcbachmann/cel-js';

/** Our one door to the CEL library: rules compile and evaluate only through here. */

export const MAX_EXPRESSION_LENGTH = 2000;

const LIMITS = { maxAstNodes: 300, maxDepth: 24, maxListElements: 100, maxMapEntries: 50, maxCallArguments: 4 };

/**
 * What `agent` holds (agent.snapshot.ts), typed so that a misspelt field or a string compared with
 * a number is refused when the policy is saved. Counts are CEL ints; everything numeric else doubles.
 */
export const AGENT_FIELDS = {
  name: 'string',
  description: 'string',
  role: 'string',
  modelTier: 'string',
  thinkingMode: 'string',
  status: 'string',
  runtimeState: 'string',
  costPerRequest: 'double',
  totalRequests: 'int',
  tags: 'list<string>',
  capabilities: 'list<string>',
  limitations: 'list<string>',
  complianceStatus: 'string',
  configuration: 'map<string, dyn>',
  toolPolicy: 'map<string, dyn>',
  model: 'dyn',
  /** Recent metrics (metrics module's AGENT_METRIC_KEYS), e.g. agent.metrics.errorRate5m; 0 when there were no points. */
  metrics: 'map<string, double>',
} as const;

export const CHANGE_FIELDS = { action: 'string', old: 'dyn', new: 'dyn', reason: 'dyn' } as const;

/** What `architecture` holds in rules of architecture policies (architectures/architecture.snapshot.ts). */
export const ARCHITECTURE_FIELDS = {
  name: 'string',
  description: 'string',
  cloudProvider: 'string',
  region: 'string',
  environment: 'string',
  status: 'string',
  components: 'map<string, bool>',
  services: 'list<dyn>',
  serviceKinds: 'list<string>',
  tags: 'list<string>',
  estimatedCost: 'double',
} as const;

type VariableSchema = Record<string, string> | string;

function environmentOf(variables: Record<string, VariableSchema>): Environment {
  let env = new Environment({ limits: LIMITS });
  for (const [name, schema] of Object.entries(variables))
    env = typeof schema === 'string' ? env.registerVariable(name, schema) : env.registerVariable({ name, schema });
  return env;
}

const environment = environmentOf({ agent: AGENT_FIELDS, change: CHANGE_FIELDS, architecture: ARCHITECTURE_FIELDS });

/** Workflow conditions see the execution's data, with the same library and limits as rules. */
const workflowEnvironment = new Environment({ limits: LIMITS }).registerVariable('data', 'map');

export const FUNCTIONS = new Set(['size', 'has', 'int', 'double', 'string']);
// No matches() (a backtracking regex is a ReDoS), no split/join/bind (they grow values), no time.
export const METHODS = new Set([
  'size',
  'contains',
  'startsWith',
  'endsWith',
  'lowerAscii',
  'upperAscii',
  'trim',
  'exists',
  'all',
  'exists_one',
  'map',
  'filter',
]);
const COMPREHENSIONS = new Set(['exists', 'all', 'exists_one', 'map', 'filter']);
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface CelPosition {
  /** 0-based offset into the expression */
  offset: number;
  line: number;
  column: number;
}

export interface CelProblem {
  message: string;
  position: CelPosition | null;
}

export interface CelProgram {
  expression: string;
  run: ParseResult;
}

export type CompileResult = { ok: true; program: CelProgram } | ({ ok: false } & CelProblem);
export type EvaluationResult = { ok: true; value: boolean } | ({ ok: false } & CelProblem);

export interface CelInput {
  agent: Record<string, unknown>;
  /** Only when an architecture is judged; agent is then empty. */
  architecture?: Record<string, unknown>;
  change: { action: string; old: Record<string, unknown> | null; new: Record<string, unknown>; reason?: string | null };
}

function positionOf(expression: string, offset: number): CelPosition {
  const before = expression.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - before.lastIndexOf('\n') };
}

function problem(expression: string, summary: string, offset: number | undefined): { ok: false } & CelProblem {
  if (offset === undefined) return { ok: false, message: summary, position: null };
  const position = positionOf(expression, Math.min(offset, expression.length));
  return { ok: false, message: `Line ${position.line}, column ${position.column}: ${summary}`, position };
}

interface AstNode {
  op: string;
  args: unknown;
  range?: { start: number; end: number };
}

function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && typeof (value as AstNode).op === 'string';
}

function children(node: AstNode): AstNode[] {
  const args = Array.isArray(node.args) ? node.args.flat(2) : [node.args];
  return args.filter(isNode);
}

/** The first construct outside what rules may use, with where it starts. */
function refusal(node: AstNode, comprehensionDepth = 0): { summary: string; offset: number } | null {
  const at = node.range?.start ?? 0;
  const args = node.args as unknown[];
  if (node.op === 'call' && !FUNCTIONS.has(args[0] as string)) return { summary: `${String(args[0])}() is not available in policy rules`, offset: at };
  if (node.op === 'rcall') {
    const name = args[0] as string;
    if (!METHODS.has(name)) return { summary: `.${name}() is not available in policy rules`, offset: at };
    if (COMPREHENSIONS.has(name)) {
      if (comprehensionDepth > 0) return { summary: `${name}() may not be nested inside another exists/all/map/filter`, offset: at };
      const receiver = refusal(args[1] as AstNode, comprehensionDepth);
      if (receiver) return receiver;
      for (const arg of args[2] as AstNode[]) {
        const inner = refusal(arg, comprehensionDepth + 1);
        if (inner) return inner;
      }
      return null;
    }
  }
  if ((node.op === '.' || node.op === '.?') && PROTOTYPE_KEYS.has(args[1] as string)) {
    return { summary: `${String(args[1])} may not be accessed`, offset: (node.range?.end ?? 0) - String(args[1]).length };
  }
  if ((node.op === '[]' || node.op === '[?]') && isNode(args[1]) && args[1].op === 'value' && PROTOTYPE_KEYS.has(args[1].args as string)) {
    return { summary: `${String(args[1].args)} may not be accessed`, offset: args[1].range?.start ?? at };
  }
  for (const child of children(node)) {
    const found = refusal(child, comprehensionDepth);
    if (found) return found;
  }
  return null;
}

interface CelError {
  summary?: string;
  message: string;
  range?: { start: number };
}

/** Parses, restricts and type-checks a rule's condition: true must mean "this is a violation". */
export function compile(expression: string): CompileResult {
  return compileIn(environment, expression);
}

function compileIn(environment: Environment, expression: string): CompileResult {
  if (!expression.trim()) return problem(expression, 'The condition is empty', 0);
  if (expression.length > MAX_EXPRESSION_LENGTH)
    return problem(expression, `The condition is ${expression.length} characters long; at most ${MAX_EXPRESSION_LENGTH} are allowed`, MAX_EXPRESSION_LENGTH);
  let run: ParseResult;
  try {
    run = environment.parse(expression);
  } catch (error) {
    const e = error as CelError;
    return problem(expression, e.summary ?? e.message, e.range?.start ?? 0);
  }
  const refused = refusal(run.ast as unknown as AstNode);
  if (refused) return problem(expression, refused.summary, refused.offset);
  const checked = run.check();
  if (!checked.valid) {
    const e = checked.error as unknown as CelError;
    return problem(expression, e.summary ?? e.message, e.range?.start ?? 0);
  }
  if (checked.type !== 'bool' && checked.type !== 'dyn') return problem(expression, `The condition must be true or false, not ${checked.type}`, 0);
  return { ok: true, program: { expression, run } };
}

function celValues(input: CelInput): Record<string, unknown> {
  const agent = { ...input.agent };
  if (typeof agent.totalRequests === 'number' && Number.isInteger(agent.totalRequests)) agent.totalRequests = BigInt(agent.totalRequests);
  const change = { action: input.change.action, old: input.change.old, new: input.change.new, reason: input.change.reason ?? null };
  return input.architecture ? { agent, architecture: input.architecture, change } : { agent, change };
}

/** Runs a compiled condition; a runtime failure (a missing field, a division by zero) is an answer, not a crash. */
export function evaluate(program: CelProgram, input: CelInput): EvaluationResult {
  return evaluateValues(program, celValues(input));
}

function evaluateValues(program: CelProgram, values: Record<string, unknown>): EvaluationResult {
  try {
    const value: unknown = program.run(values);
    if (typeof value !== 'boolean')
      return problem(program.expression, `The condition gave ${typeof value === 'bigint' ? 'an int' : typeof value}, not true or false`, undefined);
    return { ok: true, value };
  } catch (error) {
    const e = error as CelError;
    return problem(program.expression, e.summary ?? e.message, e.range?.start);
  }
}

export interface ConditionLanguage {
  compile(expression: string): CompileResult;
  /** Values as CEL sees them: ints as bigint, doubles as number. */
  evaluate(program: CelProgram, values: Record<string, unknown>): EvaluationResult;
}

/**
 * The same engine, limits and refusals for conditions over other variables (e.g. alert rules over
 * metric windows): one door to the CEL library for every condition Steward runs.
 */
export function conditionLanguage(variables: Record<string, VariableSchema>): ConditionLanguage {
  const env = environmentOf(variables);
  return { compile: (expression) => compileIn(env, expression), evaluate: evaluateValues };
}

/** A workflow condition node's expression over `data`, checked as strictly as a rule. */
export function compileWorkflowCondition(expression: string): CompileResult {
  return compileIn(workflowEnvironment, expression);
}

/** Runs a compiled workflow condition over an execution's data. */
export function evaluateWorkflowCondition(program: CelProgram, data: Record<string, unknown>): EvaluationResult {
  try {
    const value: unknown = program.run({ data });
    if (typeof value !== 'boolean') return problem(program.expression, `The condition gave ${typeof value}, not true or false`, undefined);
    return { ok: true, value };
  } catch (error) {
    const e = error as CelError;
    return problem(program.expression, e.summary ?? e.message, e.range?.start);
  }
}
