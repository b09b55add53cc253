import { Badge, Box, Group, List, Paper, Text, useComputedColorScheme } from '@mantine/core';
import {
  applyEdgeChanges,
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  type EdgeChange,
  Handle,
  MarkerType,
  type Node,
  type NodeChange,
  type NodeProps,
  Position,
  ReactFlow,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './workflow-canvas.css';
import { useState } from 'react';
import { WHOLE } from '../../ui/badges';
import { enumText } from '../../format/words';
import { connect, type GraphProblem, isNodeType, NODE_KINDS, problemsByNode, removeNode, type WorkflowGraph } from './graph';

/** A node run's state, for the timeline's view of the graph. */
export interface NodeState {
  status: string;
  attempts?: number;
  maxAttempts?: number;
}

const STATUS_COLOR: Record<string, string> = {
  PENDING: 'gray',
  RUNNING: 'blue',
  WAITING: 'violet',
  SUCCEEDED: 'teal',
  FAILED: 'red',
  SKIPPED: 'gray',
  CANCELLED: 'gray',
};

export function nodeStatusColor(status: string): string {
  return STATUS_COLOR[status] ?? 'gray';
}

interface StepData extends Record<string, unknown> {
  kind: string;
  label: string;
  problems: string[];
  state: NodeState | null;
}

type StepNode = Node<StepData, 'step'>;

/** One step of the graph: its kind, its name, and what is wrong with it (or, in an execution, where it stands). */
function Step({ data, selected }: NodeProps<StepNode>) {
  const kind = isNodeType(data.kind) ? NODE_KINDS[data.kind] : null;
  const invalid = data.problems.length > 0;
  return (
    <Paper
      withBorder
      shadow={selected ? 'md' : 'xs'}
      p="xs"
      w={220}
      data-testid="workflow-node"
      data-node-label={data.label}
      data-invalid={invalid || undefined}
      data-status={data.state?.status}
      style={{
        borderColor: invalid ? 'var(--mantine-color-red-filled)' : selected ? 'var(--mantine-color-blue-filled)' : undefined,
        borderWidth: invalid || selected ? 2 : 1,
      }}
    >
      {data.kind !== 'start' ? <Handle type="target" position={Position.Top} /> : null}
      <Group gap={6} justify="space-between" wrap="nowrap">
        <Badge size="xs" variant="light" color={kind?.color ?? 'red'} styles={WHOLE}>
          {kind?.label ?? `unknown: ${data.kind}`}
        </Badge>
        {data.state ? (
          <Badge size="xs" variant="filled" color={nodeStatusColor(data.state.status)} styles={WHOLE} data-testid="node-status">
            {enumText(data.state.status)}
            {data.state.attempts && data.state.attempts > 1 ? ` · try ${data.state.attempts}` : ''}
          </Badge>
        ) : null}
      </Group>
      <Text size="sm" fw={600} mt={4} lineClamp={2}>
        {data.label || '(no name)'}
      </Text>
      {invalid ? (
        <List size="xs" mt={4} spacing={2} c="red" data-testid="node-problems">
          {data.problems.map((p) => (
            <List.Item key={p}>{p}</List.Item>
          ))}
        </List>
      ) : null}
      {data.kind !== 'end' ? <Handle type="source" position={Position.Bottom} /> : null}
    </Paper>
  );
}

const NODE_TYPES = { step: Step };

interface WorkflowCanvasProps {
  graph: WorkflowGraph;
  problems?: readonly GraphProblem[];
  /** Per node id, the state of its run (the timeline). */
  states?: ReadonlyMap<string, NodeState>;
  selected: string | null;
  onSelect: (id: string | null) => void;
  /** Without it the canvas only shows: nothing can be moved, connected or removed. */
  onChange?: (graph: WorkflowGraph) => void;
  height?: number;
  label: string;
}

/** The graph drawn with React Flow: drag to move, drag from a node's bottom handle to another to connect, Delete to remove. */
export function WorkflowCanvas({ graph, problems = [], states, selected, onSelect, onChange, height = 560, label }: WorkflowCanvasProps) {
  const scheme = useComputedColorScheme('light');
  // React Flow measures its nodes; the graph JSON keeps only what the API stores, so the sizes live here.
  const [measured, setMeasured] = useState<ReadonlyMap<string, { width: number; height: number }>>(new Map());
  const byNode = problemsByNode(problems);

  const nodes: StepNode[] = graph.nodes.map((n) => ({
    id: n.id,
    type: 'step',
    position: n.position,
    selected: n.id === selected,
    deletable: Boolean(onChange) && n.type !== 'start',
    measured: measured.get(n.id),
    data: { kind: n.type, label: n.label, problems: byNode.get(n.id) ?? [], state: states?.get(n.id) ?? null },
  }));
  const edges: Edge[] = graph.edges.map((e) => ({
    id: e.id,
    source: e.source,
    target: e.target,
    label: e.label ?? undefined,
    markerEnd: { type: MarkerType.ArrowClosed },
    animated: states ? states.get(e.source)?.status === 'SUCCEEDED' && states.get(e.target)?.status === 'RUNNING' : false,
  }));

  function onNodesChange(changes: NodeChange<StepNode>[]) {
    const next = applyNodeChanges(changes, nodes);
    if (changes.some((c) => c.type === 'dimensions')) {
      const sizes = new Map(measured);
      for (const n of next) if (n.measured?.width && n.measured.height) sizes.set(n.id, { width: n.measured.width, height: n.measured.height });
      setMeasured(sizes);
    }
    const chosen = next.find((n) => n.selected)?.id ?? null;
    if (changes.some((c) => c.type === 'select') && chosen !== selected) onSelect(chosen);
    if (onChange && changes.some((c) => c.type === 'position' || c.type === 'remove')) {
      const kept = new Map(next.map((n) => [n.id, n]));
      let changed: WorkflowGraph = {
        ...graph,
        nodes: graph.nodes.flatMap((n) => {
          const moved = kept.get(n.id);
          return moved ? [{ ...n, position: { x: Math.round(moved.position.x), y: Math.round(moved.position.y) } }] : [];
        }),
      };
      for (const n of graph.nodes) if (!kept.has(n.id)) changed = removeNode(changed, n.id);
      onChange(changed);
    }
  }

  function onEdgesChange(changes: EdgeChange[]) {
    if (!onChange || !changes.some((c) => c.type === 'remove')) return;
    const kept = new Set(applyEdgeChanges(changes, edges).map((e) => e.id));
    onChange({ ...graph, edges: graph.edges.filter((e) => kept.has(e.id)) });
  }

  return (
    <Box
      h={height}
      style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 8 }}
      role="group"
      aria-label={label}
      data-testid="workflow-canvas"
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={(c) => onChange?.(connect(graph, c.source, c.target))}
        onPaneClick={() => onSelect(null)}
        nodesDraggable={Boolean(onChange)}
        nodesConnectable={Boolean(onChange)}
        elementsSelectable
        deleteKeyCode={onChange ? ['Delete', 'Backspace'] : null}
        colorMode={scheme}
        fitView
        fitViewOptions={{ padding: 0.2, maxZoom: 1 }}
        minZoom={0.3}
      >
        <Background gap={20} />
        <Controls showInteractive={false} />
      </ReactFlow>
    </Box>
  );
}
