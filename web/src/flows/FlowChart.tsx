import { MarkerType, ReactFlow, ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { FlowEnvironmentNode, type FlowNode } from './FlowEnvironmentNode';
import { edgeKey, flowEdges, layoutWithRoutes } from './flowLayout';
import { RoutedEdge, type RoutedEdgeType } from './RoutedEdge';
import {
  addTarget,
  availableTargets,
  removeStep,
  setAction,
  setTrigger,
  type FlowDraft,
  type StepAction,
} from './flowModel';

const NODE_WIDTH = 210;
const NODE_HEIGHT = 140;
const nodeTypes = { environment: FlowEnvironmentNode };
const edgeTypes = { routed: RoutedEdge };

interface Props {
  draft: FlowDraft;
  environments: ReadonlyArray<{ name: string; kind: string }>;
  onChange: (draft: FlowDraft) => void;
  /** The step whose settings are open; null: none. */
  selected?: string | null;
  onSelect?: (environment: string) => void;
}

/** Chart mode: the trigger environment first, a `+` beside each node, an edge for every dependsOn. */
export function FlowChart(props: Props) {
  return (
    <ReactFlowProvider>
      <Chart {...props} />
    </ReactFlowProvider>
  );
}

function Chart({ draft, environments, onChange, selected = null, onSelect = () => {} }: Props) {
  const names = environments.map((e) => e.name);
  const kinds = new Map(environments.map((e) => [e.name, e.kind]));
  const available = availableTargets(draft, names);

  const { nodes, edges } = useMemo(() => {
    if (!draft.triggerEnvironment) return { nodes: [] as FlowNode[], edges: [] as RoutedEdgeType[] };
    const ids = [draft.triggerEnvironment, ...draft.steps.map((s) => s.environment)];
    const links = flowEdges(draft.steps);
    const { positions: at, routes } = layoutWithRoutes(
      ids.map((id) => ({ id })),
      links,
      { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT, rankGap: 90, branchGap: 56 },
    );
    const handlers = {
      onAdd: (parent: string, env: string) => onChange(addTarget(draft, parent, env)),
      onRemove: (env: string) => onChange(removeStep(draft, env)),
      onAction: (env: string, action: StepAction | null) => onChange(setAction(draft, env, action)),
      onSelect,
    };
    const nodes: FlowNode[] = ids.map((id) => {
      const step = draft.steps.find((s) => s.environment === id);
      return {
        id,
        type: 'environment',
        position: at.get(id) ?? { x: 0, y: 0 },
        width: NODE_WIDTH,
        height: NODE_HEIGHT,
        data: {
          name: id,
          kind: kinds.get(id) ?? 'NON_PROD',
          trigger: id === draft.triggerEnvironment,
          action: step?.action ?? null,
          dependsOn: step?.dependsOn ?? [],
          gates: step?.gates ?? [],
          selected: id === selected,
          available,
          ...handlers,
        },
      };
    });
    const edges: RoutedEdgeType[] = links.map((l) => ({
      id: edgeKey(l),
      source: l.from,
      target: l.to,
      type: 'routed',
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      data: { points: routes.get(edgeKey(l)) ?? [] },
    }));
    return { nodes, edges };
    // kinds and available derive from environments; a new onChange from the parent must not relayout the chart.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft, environments, selected]);

  return (
    <div className="chart-mode">
      <div className="chart-toolbar">
        <label htmlFor="trigger-environment">Trigger Environment</label>
        <select
          id="trigger-environment"
          value={draft.triggerEnvironment}
          onChange={(e) => onChange(setTrigger(draft, e.target.value))}
        >
          <option value="" disabled>
            Select the environment changes start from
          </option>
          {names.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      {!draft.triggerEnvironment ? (
        <div className="chart-empty">
          <p>
            Select the <strong>Trigger Environment</strong>, the starting point of the promotion (for example{' '}
            <code>dev</code>). Then use the <strong>+</strong> beside it to add the environments it promotes to.
          </p>
        </div>
      ) : (
        <div className="chart-canvas" aria-label="Promotion flow chart">
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
            minZoom={0.4}
            maxZoom={1.25}
            fitView
            fitViewOptions={{ padding: 0.25, maxZoom: 1 }}
          >
            <FitOnChange count={nodes.length} />
          </ReactFlow>
          <p className="chart-hint muted">
            {draft.steps.length === 0 ? (
              <>
                Click <strong>+</strong> on the right of <strong>{draft.triggerEnvironment}</strong> to add the first
                target environment.
              </>
            ) : (
              <>
                <strong>+</strong> adds a target after a node; use it twice on one node for parallel branches. A step
                after several others (a join): list them in its <code>dependsOn</code> in YAML mode.
              </>
            )}
          </p>
        </div>
      )}
    </div>
  );
}

function FitOnChange({ count }: { count: number }) {
  const flow = useReactFlow();
  useEffect(() => {
    const id = requestAnimationFrame(() => void flow.fitView({ padding: 0.25, maxZoom: 1 }));
    return () => cancelAnimationFrame(id);
  }, [count, flow]);
  return null;
}
