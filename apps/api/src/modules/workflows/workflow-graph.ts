import { isRole } from '../../auth/roles';
import { compileWorkflowCondition } from '../policies';

export const NODE_TYPES = ['start', 'task', 'approval', 'agent_task', 'condition', 'wait', 'end'] as const;
export type NodeType = (typeof NODE_TYPES)[number];
export const TASK_ACTIONS = ['agent.lifecycle', 'channel.send', 'record.create', 'webhook.call'] as const;
export const MAX_NODES = 100;
export const MAX_EDGES = 200;

export interface GraphNode {
  id: string;
  type: NodeType;
  label?: string;
  config?: Record<string, unknown>;
  position?: { x: number; y: number };
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  /** For edges out of a condition: "true" or "false"; out of an agent_task, "expired" marks the path taken when nobody claims its task in time. */
  label?: string;
}

export interface WorkflowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export interface GraphProblem {
  nodeId: string | null;
  edgeId: string | null;
  message: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/** What a node's configuration must hold, by type; each problem names the node. */
function configProblems(node: GraphNode, out: GraphEdge[]): string[] {
  const c = isObject(node.config) ? node.config : {};
  const problems: string[] = [];
  switch (node.type) {
    case 'task': {
      if (!(TASK_ACTIONS as readonly string[]).includes(String(c.action)))
        problems.push(`needs an action: one of ${TASK_ACTIONS.join(', ')}${c.action === undefined ? '' : ` (not "${String(c.action)}")`}`);
      if (c.action === 'agent.lifecycle' && (!text(c.agentId) || !['deploy', 'suspend', 'resume', 'archive'].includes(String(c.lifecycleAction))))
        problems.push('changes an agent: give agentId and lifecycleAction (deploy, suspend, resume or archive)');
      if (c.action === 'webhook.call' && !(typeof c.url === 'string' && /^https:\/\/[^\s]+$/.test(c.url))) problems.push('calls a webhook: give an https url');
      if (c.action === 'channel.send' && !text(c.message)) problems.push('sends to a channel: give a message');
      if (c.action === 'channel.send' && c.channelId !== undefined && !text(c.channelId))
        problems.push("sends to a channel: channelId must be the id of one of an agent's channels");
      break;
    }
    case 'approval':
      if (!text(c.title)) problems.push('needs a title for its approval request');
      if (!Array.isArray(c.roles) || !c.roles.length || !c.roles.every(isRole)) problems.push('needs roles: the roles whose members decide');
      if (c.mode !== undefined && !['single', 'any_n', 'unanimous', 'majority'].includes(String(c.mode)))
        problems.push('mode must be single, any_n, unanimous or majority');
      if (typeof c.timeoutSeconds === 'number' && c.timeoutSeconds < 60) problems.push('timeoutSeconds of an approval must be at least 60');
      if (c.onTimeout !== undefined && !['escalate', 'approve', 'reject', 'expire'].includes(String(c.onTimeout)))
        problems.push('onTimeout must be escalate, approve, reject or expire');
      break;
    case 'agent_task':
      if (!text(c.agentId)) problems.push('needs agentId: the agent that runs the task');
      if (!text(c.prompt)) problems.push('needs a prompt');
      {
        const v = c.claimTimeoutSeconds;
        if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 60 && v <= 30 * 24 * 3600))
          problems.push('claimTimeoutSeconds (how long its task may wait to be claimed) must be a whole number from 60 to 2592000');
        const expired = out.filter((e) => e.label === 'expired').length;
        if (out.some((e) => e.label !== undefined && e.label !== 'expired'))
          problems.push('its edges are unlabelled, or labelled "expired" for the path taken when nobody claims its task in time');
        if (expired > 1) problems.push('has more than one "expired" edge');
        if (expired && out.length === expired) problems.push('needs an unlabelled edge besides its "expired" one');
      }
      break;
    case 'condition': {
      if (!text(c.expression)) problems.push('needs an expression over data');
      else {
        const compiled = compileWorkflowCondition(c.expression);
        if (!compiled.ok) problems.push(`expression: ${compiled.message}`);
      }
      const labels = out.map((e) => e.label ?? '').sort();
      if (labels.join(',') !== 'false,true') problems.push('needs exactly two outgoing edges, labelled "true" and "false"');
      break;
    }
    case 'wait': {
      const seconds = c.seconds;
      const until = c.until;
      const okSeconds = typeof seconds === 'number' && Number.isInteger(seconds) && seconds >= 1 && seconds <= 30 * 24 * 3600;
      const okUntil = typeof until === 'string' && !Number.isNaN(Date.parse(until));
      if (okSeconds === okUntil) problems.push('waits either seconds (1 to 30 days) or until a time (ISO 8601), one of the two');
      break;
    }
    default:
      break;
  }
  for (const key of ['maxAttempts', 'timeoutSeconds'] as const) {
    const v = c[key];
    if (v !== undefined && !(typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= (key === 'maxAttempts' ? 10 : 24 * 3600)))
      problems.push(`${key} must be a whole number from 1 to ${key === 'maxAttempts' ? 10 : 86400}`);
  }
  return problems;
}

/** Nodes on a cycle that has no wait node on it: the graph without wait nodes must have no cycle. */
function cyclesWithoutWait(nodes: GraphNode[], next: Map<string, string[]>): string[] {
  const waits = new Set(nodes.filter((n) => n.type === 'wait').map((n) => n.id));
  const state = new Map<string, 'open' | 'done'>();
  const onCycle = new Set<string>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 'open');
    stack.push(id);
    for (const to of next.get(id) ?? []) {
      if (waits.has(to)) continue;
      if (state.get(to) === 'open') stack.slice(stack.indexOf(to)).forEach((n) => onCycle.add(n));
      else if (!state.has(to)) visit(to);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const n of nodes) if (!waits.has(n.id) && !state.has(n.id)) visit(n.id);
  return nodes.filter((n) => onCycle.has(n.id)).map((n) => n.id);
}

/**
 * Every problem with a graph, each naming its node or edge: shape, unknown types, dangling edges,
 * the one start, nodes leading nowhere, unreachable nodes, cycles without a wait, node configuration.
 */
export function validateGraph(raw: unknown): GraphProblem[] {
  if (!isObject(raw) || !Array.isArray(raw.nodes) || !Array.isArray(raw.edges))
    return [{ nodeId: null, edgeId: null, message: 'A graph is an object with a nodes array and an edges array' }];
  const problems: GraphProblem[] = [];
  const node = (nodeId: string | null, message: string) => problems.push({ nodeId, edgeId: null, message });
  if (raw.nodes.length > MAX_NODES) node(null, `At most ${MAX_NODES} nodes`);
  if (raw.edges.length > MAX_EDGES) node(null, `At most ${MAX_EDGES} edges`);
  const nodes: GraphNode[] = [];
  const ids = new Set<string>();
  raw.nodes.forEach((n, i) => {
    if (!isObject(n) || !text(n.id) || String(n.id).length > 60) return node(null, `Node ${i + 1} needs an id of 1 to 60 characters`);
    const id = String(n.id);
    if (ids.has(id)) return node(id, `Node "${id}": another node has the same id`);
    ids.add(id);
    if (!(NODE_TYPES as readonly string[]).includes(String(n.type)))
      return node(id, `Node "${id}": unknown type "${String(n.type)}" (one of ${NODE_TYPES.join(', ')})`);
    nodes.push(n as unknown as GraphNode);
  });
  const edges: GraphEdge[] = [];
  raw.edges.forEach((e, i) => {
    const edgeId = isObject(e) && text(e.id) ? String(e.id) : `#${i + 1}`;
    if (!isObject(e) || typeof e.source !== 'string' || typeof e.target !== 'string') {
      problems.push({ nodeId: null, edgeId, message: `Edge ${edgeId} needs a source and a target` });
      return;
    }
    const dangling = [e.source, e.target].filter((end) => !ids.has(end));
    if (dangling.length) {
      problems.push({ nodeId: null, edgeId, message: `Edge ${edgeId} points to "${dangling.join('", "')}", which is not a node` });
      return;
    }
    edges.push({ id: edgeId, source: e.source, target: e.target, label: typeof e.label === 'string' ? e.label : undefined });
  });
  const valid = new Set(nodes.map((n) => n.id));
  const next = new Map<string, string[]>();
  const incoming = new Map<string, number>();
  for (const e of edges) {
    if (!valid.has(e.source) || !valid.has(e.target)) continue;
    next.set(e.source, [...(next.get(e.source) ?? []), e.target]);
    incoming.set(e.target, (incoming.get(e.target) ?? 0) + 1);
  }
  const starts = nodes.filter((n) => n.type === 'start');
  if (starts.length !== 1)
    node(
      starts[1]?.id ?? null,
      starts.length ? `Only one start node: "${starts.map((s) => s.id).join('", "')}" are all starts` : 'The graph needs a start node',
    );
  if (!nodes.some((n) => n.type === 'end')) node(null, 'The graph needs an end node');
  for (const n of nodes) {
    const out = edges.filter((e) => e.source === n.id);
    if (n.type === 'start' && incoming.get(n.id)) node(n.id, `Node "${n.id}": nothing may lead back to the start`);
    if (n.type === 'end' && out.length) node(n.id, `Node "${n.id}": an end node has no outgoing edges`);
    if (n.type !== 'end' && !out.length) node(n.id, `Node "${n.id}" leads nowhere: connect it, or end the path with an end node`);
    // An agent_task's "expired" edge is its second way out (checked with its configuration).
    const ways = n.type === 'agent_task' ? out.filter((e) => e.label !== 'expired').length : out.length;
    if (n.type !== 'condition' && n.type !== 'end' && ways > 1) node(n.id, `Node "${n.id}" has ${out.length} outgoing edges; only a condition branches`);
    for (const message of configProblems(n, out)) node(n.id, `Node "${n.id}": ${message}`);
  }
  if (starts.length === 1) {
    const reached = new Set([starts[0].id]);
    const queue = [starts[0].id];
    while (queue.length) {
      for (const to of next.get(queue.shift()!) ?? []) {
        if (reached.has(to)) continue;
        reached.add(to);
        queue.push(to);
      }
    }
    for (const n of nodes) if (!reached.has(n.id)) node(n.id, `Node "${n.id}" cannot be reached from the start`);
  }
  for (const id of cyclesWithoutWait(nodes, next))
    node(id, `Node "${id}" is on a cycle without a wait node: add a wait, or the execution would loop without pause`);
  return problems;
}
