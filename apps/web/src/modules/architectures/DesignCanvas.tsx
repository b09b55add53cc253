import { Background, Controls, type Edge, type Node, type NodeChange, ReactFlow, type Connection, type EdgeChange } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useComputedColorScheme } from '@mantine/core';
import { useMemo } from 'react';
import type { DesignService } from './design';

interface DesignCanvasProps {
  services: readonly DesignService[];
  labels: Record<string, string>;
  selected: string | null;
  readOnly: boolean;
  onSelect: (key: string | null) => void;
  onChange: (services: DesignService[]) => void;
}

/** The design as nodes and edges: drag to move, drag from a node's lower handle to another node to connect, select to configure. */
export function DesignCanvas({ services, labels, selected, readOnly, onSelect, onChange }: DesignCanvasProps) {
  const scheme = useComputedColorScheme('light');
  const nodes: Node[] = useMemo(
    () =>
      services.map((s) => ({
        id: s.key,
        position: { x: s.x, y: s.y },
        selected: s.key === selected,
        data: { label: s.name === labels[s.type] ? s.name : `${s.name} · ${labels[s.type] ?? s.type}` },
        ariaLabel: `${s.name}, ${labels[s.type] ?? s.type}`,
      })),
    [services, labels, selected],
  );
  const edges: Edge[] = useMemo(
    () => services.flatMap((s) => s.connections.map((to) => ({ id: `${s.key}->${to}`, source: s.key, target: to, ariaLabel: `${s.name} connects to ${to}` }))),
    [services],
  );

  function onNodesChange(changes: NodeChange[]) {
    let next = [...services];
    for (const change of changes) {
      if (change.type === 'position' && change.position && !readOnly) {
        next = next.map((s) => (s.key === change.id ? { ...s, x: Math.round(change.position!.x), y: Math.round(change.position!.y) } : s));
      }
    }
    if (next.some((s, i) => s !== services[i])) onChange(next);
  }

  function onEdgesChange(changes: EdgeChange[]) {
    if (readOnly) return;
    const removed = new Set(changes.filter((c) => c.type === 'remove').map((c) => c.id));
    if (removed.size) onChange(services.map((s) => ({ ...s, connections: s.connections.filter((to) => !removed.has(`${s.key}->${to}`)) })));
  }

  function onConnect(c: Connection) {
    if (readOnly || !c.source || !c.target || c.source === c.target) return;
    onChange(services.map((s) => (s.key === c.source && !s.connections.includes(c.target) ? { ...s, connections: [...s.connections, c.target] } : s)));
  }

  return (
    <div style={{ height: 460, border: '1px solid var(--mantine-color-default-border)', borderRadius: 4 }} data-testid="design-canvas">
      {/* Keyed by the number of services, so adding or removing one fits the view to the whole design again. */}
      <ReactFlow
        key={services.length}
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onNodeClick={(_, node) => onSelect(node.id)}
        onPaneClick={() => onSelect(null)}
        nodesDraggable={!readOnly}
        nodesConnectable={!readOnly}
        fitView
        fitViewOptions={{ maxZoom: 1.2, padding: 0.2 }}
        proOptions={{ hideAttribution: true }}
        colorMode={scheme}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}
