import { ReactFlow, ReactFlowProvider, useReactFlow, type Edge } from '@xyflow/react';
import { useEffect, useMemo } from 'react';
import { FlowEnvironmentNode, type FlowNode } from './FlowEnvironmentNode';
import { flowEdges, layoutFlow } from './flowLayout';
import { addTarget, availableTargets, removeStep, setAction, setTrigger, type FlowDraft } from './flowModel';

const NODE_WIDTH = 210;
const NODE_HEIGHT = 118;
const nodeTypes = { environment: FlowEnvironmentNode };

interface Props {
  draft: FlowDraft;
  environments: ReadonlyArray<{ name: string; kind: string }>;
  onChange: (draft: FlowDraft) => void;
}

/** Chart mode: the trigger environment first, a `+` beside each node, an edge for every dependsOn. */
export function FlowChart(props: Props) {
  return (
    <ReactFlowProvider>
      <Chart {...props} />
    </ReactFlowProvider>
  );
}

function Chart({ draft, environments, onChange }: Props) {
  const names = environments.map((e) => e.name);
  const kinds = new Map(environments.map((e) => [e.name, e.kind]));
  const available = availableTargets(draft, names);

  const { nodes, edges } = useMemo(() => {
    if (!draft.triggerEnvironment) return { nodes: [] as FlowNode[], edges: [] as Edge[] };
    const ids = [draft.triggerEnvironment, ...draft.steps.map((s) => s.environment)];
    const links = flowEdges(draft.steps);
    const at = layoutFlow(ids.map((id) => ({ id })), links, { nodeWidth: NODE_WIDTH, nodeHeight: NODE_HEIGHT, rankGap: 80, branchGap: 36 });
    const handlers = {
      onAdd: (parent: string, env: string) => onChange(addTarget(draft, parent, env)),
      onRemove: (env: string) => onChange(removeStep(draft, env)),
      onAction: (env: string, action: 'COMMIT' | 'NONE') => onChange(setAction(draft, env, action)),
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
          action: step?.action ?? 'COMMIT',
          dependsOn: step?.dependsOn ?? [],
          available,
          ...handlers,
        },
      };
    });
    const edges: Edge[] = links.map((l) => ({ id: `${l.from}->${l.to}`, source: l.from, target: l.to, type: 'smoothstep', animated: false }));
    return { nodes, edges };
  }, [draft, environments]);

  return (
    <div className="chart-mode">
      <div className="chart-toolbar">
        <label htmlFor="trigger-environment">Trigger Environment</label>
        <select id="trigger-environment" value={draft.triggerEnvironment} onChange={(e) => onChange(setTrigger(draft, e.target.value))}>
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
            Select the <strong>Trigger Environment</strong>, the starting point of the promotion (for example <code>dev</code>). Then use
            the <strong>+</strong> beside it to add the environments it promotes to.
          </p>
        </div>
      ) : (
        <div className="chart-canvas" aria-label="Promotion flow chart">
          <ReactFlow
            nodes={nodes}
            edges={edges}
            nodeTypes={nodeTypes}
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
          {draft.steps.length === 0 && (
            <p className="chart-hint muted">
              Click <strong>+</strong> on the right of <strong>{draft.triggerEnvironment}</strong> to add the first target environment.
            </p>
          )}
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
