import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { useState } from 'react';
import { ProdTag } from '../ui/ProdTag';
import type { GateDraft } from './flowGates';
import type { StepAction } from './flowModel';
import { GateBadges } from './GateBadges';

export interface FlowNodeData extends Record<string, unknown> {
  name: string;
  kind: string;
  trigger: boolean;
  /** null: left to the promotion policies. */
  action: StepAction | null;
  dependsOn: string[];
  gates: GateDraft[];
  /** Its settings are open in the settings panel. */
  selected: boolean;
  available: string[];
  onAdd: (parent: string, environment: string) => void;
  onRemove: (environment: string) => void;
  onAction: (environment: string, action: StepAction | null) => void;
  onSelect: (environment: string) => void;
}

export type FlowNode = Node<FlowNodeData, 'environment'>;

/** An environment in the Flow Builder chart, with the `+` that adds a target depending on it. */
export function FlowEnvironmentNode({ data }: NodeProps<FlowNode>) {
  const [menuOpen, setMenuOpen] = useState(false);
  const menuId = `add-after-${data.name}`;
  return (
    <div
      className={`flow-node${data.trigger ? ' flow-node-trigger' : ''}${data.selected ? ' flow-node-selected' : ''}`}
      data-flow-node={data.name}
    >
      {!data.trigger && <Handle type="target" position={Position.Left} isConnectable={false} />}
      <div className="flow-node-head">
        <span className="flow-node-role">{data.trigger ? 'Trigger Environment' : 'Target'}</span>
        {!data.trigger && (
          <button
            type="button"
            className="icon-button nodrag"
            aria-label={`Remove ${data.name} from the flow`}
            title={`Remove ${data.name}`}
            onClick={() => data.onRemove(data.name)}
          >
            ×
          </button>
        )}
      </div>
      <div className="flow-node-name">
        {data.name} <ProdTag name={data.name} kind={data.kind} />
      </div>
      {!data.trigger && (
        <label className="flow-node-action nodrag">
          <span className="sr-only">Action in {data.name}</span>
          <select
            value={data.action ?? ''}
            onChange={(e) => data.onAction(data.name, e.target.value ? (e.target.value as StepAction) : null)}
            aria-label={`Action in ${data.name}`}
          >
            <option value="">As the promotion policies say (commit)</option>
            <option value="COMMIT">Commit the change</option>
            <option value="NONE">No Git change</option>
            <option value="PULL_REQUEST">Open a pull request</option>
          </select>
        </label>
      )}
      {!data.trigger && (
        <GateBadges name={data.name} gates={data.gates} selected={data.selected} onSelect={data.onSelect} />
      )}
      <Handle type="source" position={Position.Right} isConnectable={false} />
      <button
        type="button"
        className="add-target nodrag"
        aria-label={`Add a target environment after ${data.name}`}
        title={`Add a target environment after ${data.name}`}
        aria-expanded={menuOpen}
        aria-controls={menuId}
        onClick={() => setMenuOpen((open) => !open)}
      >
        +
      </button>
      {menuOpen && (
        <div
          className="add-menu nodrag nowheel"
          id={menuId}
          role="group"
          aria-label={`Environments to add after ${data.name}`}
        >
          {data.available.length === 0 ? (
            <p className="muted small">Every environment is already in the flow.</p>
          ) : (
            data.available.map((env) => (
              <button
                key={env}
                type="button"
                onClick={() => {
                  setMenuOpen(false);
                  data.onAdd(data.name, env);
                }}
              >
                {env}
              </button>
            ))
          )}
        </div>
      )}
    </div>
  );
}
