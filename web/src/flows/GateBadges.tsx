import { describeGate, gateBadge, inRunOrder, type GateDraft } from './flowGates';
import './flowGates.css';

/** The step's gates in the order they run, compactly, and the way to its settings, where they are edited. */
export function GateBadges({
  name,
  gates,
  selected,
  onSelect,
}: {
  name: string;
  gates: readonly GateDraft[];
  selected: boolean;
  onSelect: (environment: string) => void;
}) {
  const ordered = inRunOrder(gates);
  return (
    <div className="flow-node-gates">
      {ordered.length > 0 && (
        <ul className="gate-badges" aria-label={`Gates of ${name}`}>
          {ordered.map((gate, i) => (
            <li key={i} className={`gate-badge gate-badge-${gate.kind.toLowerCase()}`} title={describeGate(gate)}>
              {gateBadge(gate)}
            </li>
          ))}
        </ul>
      )}
      <button
        type="button"
        className="gate-edit nodrag"
        aria-pressed={selected}
        aria-label={`Gates of ${name}: edit in the settings panel`}
        title={`Edit the gates of ${name}`}
        onClick={() => onSelect(name)}
      >
        {ordered.length ? 'Edit' : '+ Gate'}
      </button>
    </div>
  );
}
