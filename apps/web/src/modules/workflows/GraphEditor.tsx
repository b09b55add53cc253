import { Alert, Badge, Button, Grid, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { ReactFlowProvider } from '@xyflow/react';
import { useState } from 'react';
import { WHOLE } from '../../ui/badges';
import { addNode, type GraphProblem, NODE_KINDS, PALETTE, problemsByNode, removeNode, updateNode, validateGraph, type WorkflowGraph } from './graph';
import { NodePanel } from './NodePanel';
import { WorkflowCanvas } from './WorkflowCanvas';

interface GraphEditorProps {
  graph: WorkflowGraph;
  onChange: (graph: WorkflowGraph) => void;
  /** Problems the API found on save or in its live check, shown on their nodes with the editor's own. */
  serverProblems?: readonly GraphProblem[];
  /** The API's live check of the current graph; null while it has not answered for it. */
  liveProblems?: readonly GraphProblem[] | null;
  agents: readonly { value: string; label: string }[];
  /** Agents' channels a "send to a channel" step may name. */
  channels?: readonly { value: string; label: string }[];
}

/** Unique messages: the editor and the API may say the same thing about a node. */
function merge(a: readonly GraphProblem[], b: readonly GraphProblem[]): GraphProblem[] {
  const seen = new Set<string>();
  return [...a, ...b].filter((p) => {
    const key = `${p.nodeKey}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The workflow's graph, drawn: a palette of steps to add, the canvas to arrange and connect them, and
 * the selected step's settings. Problems are shown on the node they concern as the graph is drawn.
 */
export function GraphEditor({ graph, onChange, serverProblems = [], liveProblems = null, agents, channels = [] }: GraphEditorProps) {
  const [selected, setSelected] = useState<string | null>(null);
  // The API's answer for this very graph is the word that counts; until it comes, the editor's own checks stand in.
  const problems = merge(liveProblems ?? validateGraph(graph), serverProblems);
  const byNode = problemsByNode(problems);
  const general = byNode.get(null) ?? [];
  const node = graph.nodes.find((n) => n.id === selected) ?? null;

  function add(type: (typeof PALETTE)[number]) {
    const anchor = node ?? graph.nodes[graph.nodes.length - 1];
    const position = anchor ? { x: anchor.position.x + (node ? 0 : 260), y: anchor.position.y + 140 } : { x: 0, y: 0 };
    const added = addNode(graph, type, position);
    onChange(added.graph);
    setSelected(added.id);
  }

  return (
    <ReactFlowProvider>
      <Grid>
        <Grid.Col span={{ base: 12, md: 2 }}>
          <Stack gap="xs" component="section" aria-labelledby="palette-title">
            <Title order={2} size="h5" id="palette-title">
              Add a step
            </Title>
            {PALETTE.map((type) => (
              <Tooltip key={type} label={NODE_KINDS[type].hint} multiline w={240} withArrow position="right">
                <Button
                  variant="light"
                  color={NODE_KINDS[type].color}
                  justify="flex-start"
                  leftSection={<IconPlus size={14} />}
                  onClick={() => add(type)}
                  data-testid={`palette-${type}`}
                >
                  {NODE_KINDS[type].label}
                </Button>
              </Tooltip>
            ))}
            <Text size="xs" c="dimmed">
              A new step goes below the selected one. Drag from a step&apos;s bottom dot to another step to connect them; select a step or an edge and press
              Delete to remove it.
            </Text>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xs">
            <Group gap="xs">
              <Badge variant="light" color={problems.length ? 'red' : 'teal'} styles={WHOLE} data-testid="graph-validity">
                {problems.length ? `${problems.length} problem${problems.length === 1 ? '' : 's'}` : 'valid'}
              </Badge>
              <Text size="xs" c="dimmed">
                {graph.nodes.length} steps, {graph.edges.length} connections
              </Text>
            </Group>
            {general.length ? (
              <Alert color="red" variant="light" p="xs" data-testid="graph-problems">
                {general.map((m) => (
                  <Text key={m} size="sm">
                    {m}
                  </Text>
                ))}
              </Alert>
            ) : null}
            <WorkflowCanvas graph={graph} problems={problems} selected={selected} onSelect={setSelected} onChange={onChange} label="Workflow graph editor" />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p="sm">
            {node ? (
              <NodePanel
                key={node.id}
                node={node}
                problems={byNode.get(node.id) ?? []}
                agents={agents}
                channels={channels}
                onChange={(change) => onChange(updateNode(graph, node.id, change))}
                onRemove={() => {
                  onChange(removeNode(graph, node.id));
                  setSelected(null);
                }}
              />
            ) : (
              <Text size="sm" c="dimmed">
                Select a step to change its settings.
              </Text>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </ReactFlowProvider>
  );
}
