import { addNode, connect, emptyGraph, type GraphNode, problemFromUserError, readGraph, removeNode, validateGraph, type WorkflowGraph } from './graph';

const node = (id: string, type: GraphNode['type'], config: Record<string, unknown> = {}): GraphNode => ({
  id,
  type,
  label: id,
  position: { x: 0, y: 0 },
  config,
});
const edge = (source: string, target: string, label?: string) => ({ id: `${source}>${target}`, source, target, label: label ?? null });
const messages = (graph: WorkflowGraph) => validateGraph(graph).map((p) => `${p.nodeKey ?? p.edgeKey ?? '-'}: ${p.message}`);

describe('the workflow graph', () => {
  it('accepts the smallest workflow, and a branch that loops through a wait', () => {
    expect(validateGraph(emptyGraph())).toEqual([]);
    const graph: WorkflowGraph = {
      nodes: [node('start', 'start'), node('check', 'condition', { expression: 'data.ready' }), node('pause', 'wait', { seconds: 60 }), node('end', 'end')],
      edges: [edge('start', 'check'), edge('check', 'end', 'true'), edge('check', 'pause', 'false'), edge('pause', 'check')],
    };
    expect(messages(graph)).toEqual([]);
  });

  it('names the node of every problem: a cycle without a wait, an unreachable step, a dangling edge, an unknown type', () => {
    const graph: WorkflowGraph = {
      nodes: [
        node('start', 'start'),
        node('a', 'task', { action: 'channel.send', message: 'hi' }),
        node('b', 'task', { action: 'channel.send', message: 'again' }),
        node('lost', 'task', { action: 'channel.send', message: 'alone' }),
        { ...node('odd', 'task'), type: 'teleport' as GraphNode['type'] },
        node('end', 'end'),
      ],
      edges: [
        edge('start', 'a'),
        edge('a', 'b'),
        edge('b', 'a'),
        edge('a', 'end'),
        edge('lost', 'end'),
        edge('b', 'ghost'),
        edge('start', 'odd'),
        edge('odd', 'end'),
      ],
    };
    const found = messages(graph);
    expect(found).toContain('lost: "lost" cannot be reached from the start');
    expect(found).toContain('b>ghost: An edge goes to "ghost", which is not a node');
    expect(found).toContain('odd: "odd" has an unknown type "teleport"');
    expect(found).toContain('a: "a" is on a loop without a wait');
    expect(found).toContain('b: "b" is on a loop without a wait');
    expect(found.some((m) => m.startsWith('end:'))).toBe(false);
  });

  it('wants one start, an end, exits where due, two branches on a condition and the settings of each step', () => {
    const graph: WorkflowGraph = {
      nodes: [node('start', 'start'), node('s2', 'start'), node('if', 'condition'), node('ask', 'approval', { title: '', deciderRoles: [] })],
      edges: [edge('start', 'if'), edge('if', 'ask', 'true'), edge('s2', 'ask')],
    };
    expect(messages(graph)).toEqual(
      expect.arrayContaining([
        '-: The workflow needs an end node',
        's2: "s2" is a second start: a workflow has one',
        'if: "if" needs exactly two branches, "true" and "false"',
        'ask: "ask" leads nowhere: connect it to the next step or an end',
        'if: "if": Write the condition',
        'ask: "ask": Say what is asked for approval',
        'ask: "ask": Choose who decides',
      ]),
    );
  });

  it('adds, connects and removes steps: new ids, condition branches labelled true then false, edges going with their node', () => {
    let graph = emptyGraph();
    const first = addNode(graph, 'condition', { x: 0, y: 100 });
    graph = first.graph;
    expect(first.id).toBe('condition-1');
    graph = connect(connect(connect(graph, 'condition-1', 'end'), 'condition-1', 'start'), 'condition-1', 'end');
    expect(graph.edges.filter((e) => e.source === 'condition-1').map((e) => e.label)).toEqual(['true', 'false']);
    graph = removeNode(graph, 'condition-1');
    expect(graph.edges.map((e) => e.id)).toEqual(['e-start-end']);
  });

  it('gives an AI agent task a second edge labelled "expired" (the path when nobody claims its task in time), and no third', () => {
    let graph: WorkflowGraph = { ...emptyGraph(), edges: [] };
    const ask = addNode(graph, 'agent_task', { x: 0, y: 100 });
    const tell = addNode(ask.graph, 'task', { x: 100, y: 100 });
    graph = connect(connect(connect(tell.graph, 'start', ask.id), ask.id, 'end'), ask.id, tell.id);
    graph = connect(graph, tell.id, 'end');
    expect(graph.edges.filter((e) => e.source === ask.id).map((e) => e.label)).toEqual([null, 'expired']);
    const ways = (g: WorkflowGraph) => validateGraph(g).filter((p) => /ways out/.test(p.message));
    expect(ways(graph)).toEqual([]);
    expect(ways({ ...graph, edges: graph.edges.map((e) => (e.label === 'expired' ? { ...e, label: null } : e)) })).toHaveLength(1);
  });

  it("reads the API's JSON however it comes, and its userErrors onto nodes", () => {
    expect(readGraph(null)).toEqual({ nodes: [], edges: [] });
    expect(readGraph({ nodes: [{ id: 'x', type: 'wait' }, 'junk'], edges: [{ source: 'x', target: 'y' }] })).toEqual({
      nodes: [{ id: 'x', type: 'wait', label: 'x', position: { x: 0, y: 0 }, config: {} }],
      edges: [{ id: 'e-x-y', source: 'x', target: 'y', label: null }],
    });
    expect(problemFromUserError({ field: ['input', 'graph', 'nodes', 'task-1'], message: 'Unknown agent' })).toEqual({
      nodeKey: 'task-1',
      edgeKey: null,
      message: 'Unknown agent',
    });
    expect(problemFromUserError({ field: ['input', 'name'], message: 'Taken' })).toBeNull();
  });
});
