/**
 * A workflow's graph as the API stores it (JSON): nodes with a type, a label, a position and the
 * type's settings, and edges between them. Pure functions only: the editor, the timeline and the
 * tests share them.
 */
export type NodeType = 'start' | 'task' | 'approval' | 'agent_task' | 'condition' | 'wait' | 'end';

export interface GraphNode {
  id: string;
  type: NodeType;
  label: string;
  position: { x: number; y: number };
  config: Record<string, unknown>;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** A condition's outgoing edges are "true" and "false". */
  label?: string | null;
}

export interface WorkflowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphProblem {
  nodeKey: string | null;
  edgeKey: string | null;
  message: string;
}

export interface NodeKind {
  type: NodeType;
  label: string;
  /** One line for the palette. */
  hint: string;
  color: string;
  config: () => Record<string, unknown>;
}

/** The palette, in the order it shows; start is placed by the editor itself. */
export const NODE_KINDS: Record<NodeType, NodeKind> = {
  start: { type: 'start', label: 'Start', hint: 'Where an execution begins', color: 'gray', config: () => ({}) },
  task: {
    type: 'task',
    label: 'Task',
    hint: "A built-in action: change an agent's lifecycle, post to a channel, create a record, call a webhook",
    color: 'blue',
    config: () => ({ action: 'channel.send', message: '', maxAttempts: 3, backoffSeconds: 30, timeoutSeconds: 300 }),
  },
  approval: {
    type: 'approval',
    label: 'Approval',
    hint: 'Waits for people to decide',
    color: 'violet',
    config: () => ({ title: '', mode: 'single', roles: ['compliance_officer'], timeoutSeconds: 86_400, onTimeout: 'escalate' }),
  },
  agent_task: {
    type: 'agent_task',
    label: 'AI agent task',
    hint: 'Sends a prompt to an agent through its runtime; tokens and cost are recorded',
    color: 'grape',
    config: () => ({ agentId: '', prompt: '', maxAttempts: 2, timeoutSeconds: 600 }),
  },
  condition: {
    type: 'condition',
    label: 'Condition',
    hint: 'Branches on a CEL expression over the execution data',
    color: 'orange',
    config: () => ({ expression: '' }),
  },
  wait: { type: 'wait', label: 'Wait', hint: 'Pauses for a duration', color: 'cyan', config: () => ({ seconds: 3600 }) },
  end: { type: 'end', label: 'End', hint: 'Finishes the execution', color: 'teal', config: () => ({ outcome: 'succeeded' }) },
};

export const PALETTE: NodeType[] = ['task', 'approval', 'agent_task', 'condition', 'wait', 'end'];

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && value in NODE_KINDS;
}

/** The smallest graph that runs: a start and an end. */
export function emptyGraph(): WorkflowGraph {
  return {
    nodes: [
      { id: 'start', type: 'start', label: 'Start', position: { x: 0, y: 0 }, config: {} },
      { id: 'end', type: 'end', label: 'Done', position: { x: 0, y: 200 }, config: { outcome: 'succeeded' } },
    ],
    edges: [{ id: 'e-start-end', source: 'start', target: 'end' }],
  };
}

/** A graph read from the API's JSON, whatever it holds: what is not a node or an edge is left out. */
export function readGraph(json: unknown): WorkflowGraph {
  const value = (json ?? {}) as { nodes?: unknown; edges?: unknown };
  const nodes = (Array.isArray(value.nodes) ? value.nodes : []).flatMap((n): GraphNode[] => {
    if (!n || typeof n !== 'object' || typeof (n as GraphNode).id !== 'string') return [];
    const node = n as Partial<GraphNode>;
    return [
      {
        id: node.id!,
        type: (node.type ?? 'task') as NodeType,
        label: typeof node.label === 'string' ? node.label : node.id!,
        position: { x: Number(node.position?.x ?? 0), y: Number(node.position?.y ?? 0) },
        config: node.config && typeof node.config === 'object' ? { ...node.config } : {},
      },
    ];
  });
  const edges = (Array.isArray(value.edges) ? value.edges : []).flatMap((e): GraphEdge[] => {
    if (!e || typeof e !== 'object') return [];
    const edge = e as Partial<GraphEdge>;
    if (typeof edge.source !== 'string' || typeof edge.target !== 'string') return [];
    return [
      { id: typeof edge.id === 'string' ? edge.id : `e-${edge.source}-${edge.target}`, source: edge.source, target: edge.target, label: edge.label ?? null },
    ];
  });
  return { nodes, edges };
}

/** An id for a new node of a type that no node of the graph has yet: "task-2". */
export function newNodeId(graph: WorkflowGraph, type: NodeType): string {
  const taken = new Set(graph.nodes.map((n) => n.id));
  for (let i = 1; ; i++) if (!taken.has(`${type}-${i}`)) return `${type}-${i}`;
}

export function addNode(graph: WorkflowGraph, type: NodeType, position: { x: number; y: number }): { graph: WorkflowGraph; id: string } {
  const id = newNodeId(graph, type);
  const count = graph.nodes.filter((n) => n.type === type).length;
  const node: GraphNode = { id, type, label: `${NODE_KINDS[type].label}${count ? ` ${count + 1}` : ''}`, position, config: NODE_KINDS[type].config() };
  return { graph: { ...graph, nodes: [...graph.nodes, node] }, id };
}

export function removeNode(graph: WorkflowGraph, id: string): WorkflowGraph {
  return { nodes: graph.nodes.filter((n) => n.id !== id), edges: graph.edges.filter((e) => e.source !== id && e.target !== id) };
}

export function connect(graph: WorkflowGraph, source: string, target: string): WorkflowGraph {
  if (source === target || graph.edges.some((e) => e.source === source && e.target === target)) return graph;
  const from = graph.nodes.find((n) => n.id === source);
  let label: string | null = null;
  if (from?.type === 'condition') {
    const used = new Set(graph.edges.filter((e) => e.source === source).map((e) => e.label));
    label = used.has('true') ? (used.has('false') ? null : 'false') : 'true';
  } else if (from?.type === 'agent_task' && graph.edges.some((e) => e.source === source && e.label !== 'expired')) {
    // An AI agent task's second edge is the path taken when nobody claims its task in time.
    label = 'expired';
  }
  let id = `e-${source}-${target}`;
  for (let i = 2; graph.edges.some((e) => e.id === id); i++) id = `e-${source}-${target}-${i}`;
  return { ...graph, edges: [...graph.edges, { id, source, target, label }] };
}

export function updateNode(graph: WorkflowGraph, id: string, change: Partial<Pick<GraphNode, 'label' | 'config' | 'position'>>): WorkflowGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? { ...n, ...change } : n)) };
}

const problem = (message: string, nodeKey: string | null = null, edgeKey: string | null = null): GraphProblem => ({ nodeKey, edgeKey, message });

/**
 * The checks the API makes on save, made as the graph is drawn so each node shows its problems at
 * once: one start; known node types; no dangling edges; every node reachable from the start; no cycle
 * without a wait; an end has no way out and every other node has one; a condition branches true and false.
 * The API checks again (its word counts); its problems are shown the same way.
 */
export function validateGraph(graph: WorkflowGraph): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const starts = graph.nodes.filter((n) => n.type === 'start');
  if (starts.length === 0) problems.push(problem('The workflow needs a start node'));
  for (const extra of starts.slice(1)) problems.push(problem(`"${extra.label}" is a second start: a workflow has one`, extra.id));
  if (!graph.nodes.some((n) => n.type === 'end')) problems.push(problem('The workflow needs an end node'));
  for (const node of graph.nodes) if (!isNodeType(node.type)) problems.push(problem(`"${node.label}" has an unknown type "${String(node.type)}"`, node.id));
  for (const edge of graph.edges) {
    for (const end of [edge.source, edge.target])
      if (!byId.has(end)) problems.push(problem(`An edge ${end === edge.source ? 'comes from' : 'goes to'} "${end}", which is not a node`, null, edge.id));
  }
  const out = new Map<string, GraphEdge[]>();
  for (const edge of graph.edges) if (byId.has(edge.source) && byId.has(edge.target)) out.set(edge.source, [...(out.get(edge.source) ?? []), edge]);

  const reached = new Set<string>();
  const queue = starts.slice(0, 1).map((s) => s.id);
  while (queue.length) {
    const id = queue.shift()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const edge of out.get(id) ?? []) queue.push(edge.target);
  }
  if (starts.length)
    for (const node of graph.nodes) if (!reached.has(node.id)) problems.push(problem(`"${node.label}" cannot be reached from the start`, node.id));

  for (const node of graph.nodes) {
    const exits = out.get(node.id) ?? [];
    if (node.type === 'end' && exits.length) problems.push(problem(`"${node.label}" is an end: nothing may follow it`, node.id));
    // An AI agent task may have a second way out: its "expired" edge, taken when nobody claims the task in time.
    const ways = node.type === 'agent_task' ? exits.filter((e) => e.label !== 'expired').length : exits.length;
    if (node.type !== 'condition' && node.type !== 'end' && ways > 1)
      problems.push(problem(`"${node.label}" has ${exits.length} ways out; only a condition branches`, node.id));
    if (node.type === 'start' && graph.edges.some((e) => e.target === node.id))
      problems.push(problem(`"${node.label}": nothing may lead back to the start`, node.id));
    if (node.type !== 'end' && isNodeType(node.type) && !exits.length)
      problems.push(problem(`"${node.label}" leads nowhere: connect it to the next step or an end`, node.id));
    if (node.type === 'condition') {
      const labels = exits.map((e) => e.label);
      if (!labels.includes('true') || !labels.includes('false') || exits.length !== 2)
        problems.push(problem(`"${node.label}" needs exactly two branches, "true" and "false"`, node.id));
    }
  }

  // A cycle must pass through a wait, or an execution would spin on the queue.
  const inCycle = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    stack.push(id);
    for (const edge of out.get(id) ?? []) {
      const s = state.get(edge.target);
      if (s === 'open') {
        const cycle = stack.slice(stack.indexOf(edge.target));
        if (!cycle.some((n) => byId.get(n)?.type === 'wait')) cycle.forEach((n) => inCycle.add(n));
      } else if (!s) visit(edge.target);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const node of graph.nodes) if (!state.has(node.id)) visit(node.id);
  for (const id of inCycle) problems.push(problem(`"${byId.get(id)?.label ?? id}" is on a loop without a wait`, id));

  problems.push(...graph.nodes.flatMap(configProblems));
  return problems;
}

/** What a node's settings lack, in the words of its panel. */
export function configProblems(node: GraphNode): GraphProblem[] {
  const c = node.config;
  const text = (key: string) => (typeof c[key] === 'string' ? (c[key] as string).trim() : '');
  const found: string[] = [];
  if (!node.label.trim()) found.push('Give the step a name');
  switch (node.type) {
    case 'task':
      if (c.action === 'agent.lifecycle' && (!text('agentId') || !text('lifecycleAction'))) found.push('Choose the agent and what to do with it');
      if (c.action === 'channel.send' && !text('message')) found.push('Write the message to send');
      if (c.action === 'webhook.call' && !/^https:\/\//.test(text('url'))) found.push('Give the webhook an https:// address');
      break;
    case 'approval':
      if (!text('title')) found.push('Say what is asked for approval');
      if (!Array.isArray(c.roles) || c.roles.length === 0) found.push('Choose who decides');
      break;
    case 'agent_task':
      if (!text('agentId')) found.push('Choose the agent that does the task');
      if (!text('prompt')) found.push('Write the prompt');
      break;
    case 'condition':
      if (!text('expression')) found.push('Write the condition');
      break;
    case 'wait':
      if (!(Number.isInteger(c.seconds) && Number(c.seconds) >= 1 && Number(c.seconds) <= 30 * 86_400) && !text('until'))
        found.push('Say how long to wait: 1 second to 30 days');
      break;
    default:
      break;
  }
  if (c.maxAttempts !== undefined && c.maxAttempts !== null && !(Number.isInteger(c.maxAttempts) && Number(c.maxAttempts) >= 1 && Number(c.maxAttempts) <= 10))
    found.push('Attempts: a whole number from 1 to 10');
  if (
    c.timeoutSeconds !== undefined &&
    c.timeoutSeconds !== null &&
    !(Number.isInteger(c.timeoutSeconds) && Number(c.timeoutSeconds) >= 1 && Number(c.timeoutSeconds) <= 86_400)
  )
    found.push('Time limit: a whole number of seconds up to 86400 (a day)');
  return found.map((m) => problem(`"${node.label || node.id}": ${m}`, node.id));
}

/** Problems grouped by the node they name; those naming no node (or only an edge) under null. */
export function problemsByNode(problems: readonly GraphProblem[]): Map<string | null, string[]> {
  const grouped = new Map<string | null, string[]>();
  for (const p of problems) grouped.set(p.nodeKey, [...(grouped.get(p.nodeKey) ?? []), p.message]);
  return grouped;
}

/** The API names a graph problem in a userError's field as ["input", "graph", "nodes", "<nodeKey>"]. */
export function problemFromUserError(error: { field: readonly string[] | null; message: string }): GraphProblem | null {
  const field = error.field ?? [];
  const at = field.indexOf('graph');
  if (at === -1) return null;
  const kind = field[at + 1];
  const id = field[at + 2] ?? null;
  return { nodeKey: kind === 'nodes' ? id : null, edgeKey: kind === 'edges' ? id : null, message: error.message };
}
