import 'reflect-metadata';
// The module list first: the policies module's index (the CEL engine) loads its neighbours in their order.
import '..';
import { validateGraph } from './workflow-graph';

const start = { id: 'start', type: 'start' };
const end = { id: 'end', type: 'end' };
const notify = { id: 'notify', type: 'task', config: { action: 'channel.send', message: 'Done' } };
const edge = (source: string, target: string, label?: string) => ({ id: `${source}-${target}`, source, target, ...(label ? { label } : {}) });
const messages = (graph: unknown) => validateGraph(graph).map((p) => p.message);

describe('workflow graph validation', () => {
  it('accepts a well-formed graph with a condition, a wait loop and an approval', () => {
    const graph = {
      nodes: [
        start,
        { id: 'check', type: 'condition', config: { expression: 'data.amount > 100.0' } },
        { id: 'approve', type: 'approval', config: { title: 'Large spend', roles: ['admin', 'compliance_officer'], mode: 'majority' } },
        { id: 'poll', type: 'task', config: { action: 'webhook.call', url: 'https://example.test/hook', maxAttempts: 3, timeoutSeconds: 30 } },
        { id: 'pause', type: 'wait', config: { seconds: 60 } },
        { id: 'ask', type: 'agent_task', config: { agentId: 'a', prompt: 'Summarise' } },
        end,
      ],
      edges: [
        edge('start', 'check'),
        edge('check', 'approve', 'true'),
        edge('check', 'poll', 'false'),
        edge('approve', 'ask'),
        edge('ask', 'end'),
        edge('poll', 'pause'),
        edge('pause', 'check'),
      ],
    };
    expect(validateGraph(graph)).toEqual([]);
  });

  it('refuses unknown node types and dangling edges, naming them', () => {
    const problems = validateGraph({ nodes: [start, { id: 'x', type: 'teleport' }, end], edges: [edge('start', 'end'), edge('start', 'ghost')] });
    expect(problems).toEqual(
      expect.arrayContaining([
        { nodeId: 'x', edgeId: null, message: 'Node "x": unknown type "teleport" (one of start, task, approval, agent_task, condition, wait, end)' },
        { nodeId: null, edgeId: 'start-ghost', message: 'Edge start-ghost points to "ghost", which is not a node' },
      ]),
    );
  });

  it('refuses unreachable nodes and nodes that lead nowhere', () => {
    const problems = validateGraph({
      nodes: [start, notify, { ...notify, id: 'orphan' }, end],
      edges: [edge('start', 'notify'), edge('notify', 'end'), edge('orphan', 'end')],
    });
    expect(problems).toEqual([{ nodeId: 'orphan', edgeId: null, message: 'Node "orphan" cannot be reached from the start' }]);
    expect(messages({ nodes: [start, notify, end], edges: [edge('start', 'notify'), edge('start', 'end')] })).toEqual(
      expect.arrayContaining([
        'Node "notify" leads nowhere: connect it, or end the path with an end node',
        'Node "start" has 2 outgoing edges; only a condition branches',
      ]),
    );
  });

  it('refuses a cycle without a wait node, naming the nodes on it, and accepts it with one', () => {
    const loop = {
      nodes: [start, { id: 'check', type: 'condition', config: { expression: 'data.done == true' } }, notify, end],
      edges: [edge('start', 'check'), edge('check', 'end', 'true'), edge('check', 'notify', 'false'), edge('notify', 'check')],
    };
    expect(validateGraph(loop).map((p) => p.nodeId)).toEqual(['check', 'notify']);
    expect(messages(loop)[0]).toBe('Node "check" is on a cycle without a wait node: add a wait, or the execution would loop without pause');
    const paced = {
      nodes: [...loop.nodes, { id: 'pause', type: 'wait', config: { seconds: 30 } }],
      edges: [edge('start', 'check'), edge('check', 'end', 'true'), edge('check', 'notify', 'false'), edge('notify', 'pause'), edge('pause', 'check')],
    };
    expect(validateGraph(paced)).toEqual([]);
  });

  it('checks node configuration: conditions compile with the policy CEL engine and branch true/false; tasks name an action', () => {
    const problems = messages({
      nodes: [
        start,
        { id: 'c', type: 'condition', config: { expression: 'data.x +' } },
        { id: 't', type: 'task', config: { action: 'format_disk' } },
        { id: 'w', type: 'wait', config: {} },
        end,
      ],
      edges: [edge('start', 'c'), edge('c', 't', 'yes'), edge('t', 'w'), edge('w', 'end')],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Node "c": expression: Line 1, column \d+/),
        'Node "c": needs exactly two outgoing edges, labelled "true" and "false"',
        'Node "t": needs an action: one of agent.lifecycle, channel.send, record.create, webhook.call (not "format_disk")',
        'Node "w": waits either seconds (1 to 30 days) or until a time (ISO 8601), one of the two',
      ]),
    );
    expect(messages({ nodes: [end], edges: [] })).toEqual(['The graph needs a start node']);
    expect(messages({ nodes: 'x' })).toEqual(['A graph is an object with a nodes array and an edges array']);
  });

  it('lets an agent_task have one "expired" edge besides its usual one, and checks its claim limit', () => {
    const ask = { id: 'ask', type: 'agent_task', config: { agentId: 'a', prompt: 'Summarise', claimTimeoutSeconds: 3600 } };
    const graph = (askNode: object, edges: object[]) => ({
      nodes: [start, askNode, notify, end],
      edges: [edge('start', 'ask'), ...edges, edge('notify', 'end')],
    });
    expect(validateGraph(graph(ask, [edge('ask', 'end'), edge('ask', 'notify', 'expired')]))).toEqual([]);
    expect(messages(graph(ask, [edge('ask', 'end'), edge('ask', 'notify')]))).toEqual(['Node "ask" has 2 outgoing edges; only a condition branches']);
    expect(messages(graph(ask, [edge('ask', 'end', 'maybe'), edge('ask', 'notify', 'expired')]))).toEqual([
      'Node "ask": its edges are unlabelled, or labelled "expired" for the path taken when nobody claims its task in time',
    ]);
    expect(messages(graph(ask, [edge('ask', 'notify', 'expired')]))).toEqual(
      expect.arrayContaining(['Node "ask": needs an unlabelled edge besides its "expired" one']),
    );
    expect(messages(graph({ ...ask, config: { ...ask.config, claimTimeoutSeconds: 5 } }, [edge('ask', 'end'), edge('ask', 'notify', 'expired')]))).toEqual([
      'Node "ask": claimTimeoutSeconds (how long its task may wait to be claimed) must be a whole number from 60 to 2592000',
    ]);
  });
});
