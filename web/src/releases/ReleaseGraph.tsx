import { Handle, Position, MarkerType, ReactFlow, ReactFlowProvider, type Node, type NodeProps } from '@xyflow/react';
import { useMemo } from 'react';
import { edgeKey, flowEdges, layoutWithRoutes } from '../flows/flowLayout';
import { RoutedEdge, type RoutedEdgeType } from '../flows/RoutedEdge';
import type { ReleaseStepView } from './releaseState';
import { ReleaseStepCard } from './ReleaseStepCard';

const NODE_WIDTH = 250;
const NODE_HEIGHT = 175;
/** Room for a row of gate chips, when any step has gates. */
const GATES_HEIGHT = 30;

type StepNode = Node<{ step: ReleaseStepView; trigger: boolean }, 'step'>;

function StepNodeView({ data }: NodeProps<StepNode>) {
  return (
    <div className="release-node">
      {data.step.dependsOn.length > 0 && <Handle type="target" position={Position.Left} isConnectable={false} />}
      <ReleaseStepCard step={data.step} trigger={data.trigger} />
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

const nodeTypes = { step: StepNodeView };
const edgeTypes = { routed: RoutedEdge };

/** The release's environments as a graph: a card per step, an edge for every dependsOn. */
export function ReleaseGraph({
  steps,
  triggerName,
}: {
  steps: readonly ReleaseStepView[];
  triggerName: string | null;
}) {
  const { nodes, edges, height } = useMemo(() => {
    const nodeHeight = NODE_HEIGHT + (steps.some((s) => s.gates.length > 0) ? GATES_HEIGHT : 0);
    const links = flowEdges(
      steps.map((s) => ({ environment: s.environment.name, dependsOn: s.dependsOn.map((d) => d.name) })),
    );
    const { positions: at, routes } = layoutWithRoutes(
      steps.map((s) => ({ id: s.environment.name })),
      links,
      { nodeWidth: NODE_WIDTH, nodeHeight, rankGap: 70, branchGap: 40 },
    );
    const nodes: StepNode[] = steps.map((step) => ({
      id: step.environment.name,
      type: 'step',
      position: at.get(step.environment.name) ?? { x: 0, y: 0 },
      width: NODE_WIDTH,
      height: nodeHeight,
      data: { step, trigger: step.environment.name === triggerName },
    }));
    const edges: RoutedEdgeType[] = links.map((l) => {
      const target = steps.find((s) => s.environment.name === l.to);
      return {
        id: edgeKey(l),
        source: l.from,
        target: l.to,
        type: 'routed',
        markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
        data: { points: routes.get(edgeKey(l)) ?? [] },
        animated: target?.status === 'RUNNING',
        className: `edge-${target?.status.toLowerCase() ?? 'pending'}`,
      };
    });
    const bottom = Math.max(0, ...[...at.values()].map((p) => p.y + nodeHeight));
    return { nodes, edges, height: Math.min(Math.max(bottom + 40, 280), 640) };
  }, [steps, triggerName]);

  return (
    <div className="release-graph" style={{ height }}>
      <ReactFlowProvider>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          nodesDraggable={false}
          nodesConnectable={false}
          elementsSelectable={false}
          zoomOnScroll={false}
          panOnScroll
          fitView
          fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
          minZoom={0.3}
          maxZoom={1.25}
        />
      </ReactFlowProvider>
    </div>
  );
}
