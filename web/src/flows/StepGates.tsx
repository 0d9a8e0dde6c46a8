import { useState } from 'react';
import {
  GATE_KINDS,
  gateKindName,
  gateProblems,
  moveGate,
  newGate,
  type GateDraft,
  type GateKind,
  type GateWhen,
  type ServerGateProblem,
} from './flowGates';
import './flowGates.css';
import { GateEditor, type GateErrors } from './GateEditor';
import type { FlowStepDraft } from './flowModel';

interface Props {
  step: FlowStepDraft;
  onChange: (gates: GateDraft[]) => void;
  onClose: () => void;
  /** What the server said about this step's gates at the last save. */
  serverProblems: readonly ServerGateProblem[];
}

const GROUPS: Array<{ when: GateWhen; title: string }> = [
  { when: 'BEFORE', title: 'Before the action' },
  { when: 'AFTER', title: 'After the action' },
];

/** The selected step's settings: its gates, added, edited, reordered and removed, grouped in the order they run. */
export function StepGates({ step, onChange, onClose, serverProblems }: Props) {
  const [kind, setKind] = useState<GateKind>('APPROVAL');
  const gates = step.gates ?? [];
  const prefix = `step-${step.environment}-gate`;
  const replace = (index: number, gate: GateDraft) => onChange(gates.map((g, i) => (i === index ? gate : g)));
  const sameGroup = (index: number) => gates.flatMap((g, i) => (g.when === gates[index].when ? [i] : []));

  function editor(index: number) {
    const group = sameGroup(index);
    const mine = serverProblems.filter((p) => p.gate === index);
    const errors: GateErrors = { ...gateProblems(gates[index]) };
    for (const p of mine) if (p.field) errors[p.field] = p.message;
    return (
      <GateEditor
        key={`gate-${index}`}
        id={`${prefix}-${index}`}
        number={index + 1}
        gate={gates[index]}
        onChange={(gate) => replace(index, gate)}
        onRemove={() => onChange(gates.filter((_, i) => i !== index))}
        onMove={(direction) => onChange(moveGate(gates, index, direction))}
        canMoveUp={group[0] !== index}
        canMoveDown={group[group.length - 1] !== index}
        errors={errors}
        problems={mine.filter((p) => !p.field).map((p) => p.message)}
      />
    );
  }

  return (
    <section className="step-settings" aria-labelledby="step-settings-title">
      <header className="panel-header">
        <h3 id="step-settings-title">Step: {step.environment}</h3>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={`Close the settings of ${step.environment}`}
          title={`Close the settings of ${step.environment}`}
        >
          ×
        </button>
      </header>
      <p className="help">
        A release runs the gates before the action, then the action, then the gates after it, each group in the order
        shown. Gates set on the environment run first.
      </p>
      <div className="gate-list">
        {/* One list, so that a gate whose when changes moves to its group instead of being drawn anew. */}
        {GROUPS.flatMap(({ when, title }) => {
          const indices = gates.flatMap((g, i) => (g.when === when ? [i] : []));
          return [
            <h4 key={`title-${when}`} data-group={when}>
              {title}
            </h4>,
            indices.length === 0 ? (
              <p key={`none-${when}`} className="muted small">
                No gates.
              </p>
            ) : null,
            ...indices.map((index) => editor(index)),
          ];
        })}
      </div>
      <div className="gate-add">
        <label htmlFor={`${prefix}-new`}>Add a gate</label>
        <div className="gate-row">
          <select id={`${prefix}-new`} value={kind} onChange={(e) => setKind(e.target.value as GateKind)}>
            {GATE_KINDS.map((k) => (
              <option key={k} value={k}>
                {gateKindName(k)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => onChange([...gates, newGate(kind)])}>
            Add gate
          </button>
        </div>
      </div>
    </section>
  );
}
