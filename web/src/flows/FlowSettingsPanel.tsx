import type { ServerGateProblem } from './flowGates';
import { setGates, type FlowDraft } from './flowModel';
import { StepGates } from './StepGates';
import { TimeoutInput } from './TimeoutInput';

interface Props {
  draft: FlowDraft;
  onChange: (draft: FlowDraft) => void;
  onClose: () => void;
  renaming: boolean;
  /** The step selected in Chart mode, whose settings (its gates) come first; null: none. */
  selected?: string | null;
  onDeselect?: () => void;
  /** What the server said about the selected step's gates at the last save. */
  gateProblems?: readonly ServerGateProblem[];
}

/** The selected step's gates, then name, description, timeout and version of the flow being built. */
export function FlowSettingsPanel({
  draft,
  onChange,
  onClose,
  renaming,
  selected = null,
  onDeselect = () => {},
  gateProblems = [],
}: Props) {
  const set = (field: keyof FlowDraft) => (value: string) => onChange({ ...draft, [field]: value });
  const step = draft.steps.find((s) => s.environment === selected);
  return (
    <aside className="settings-panel card" aria-labelledby="settings-title">
      <header className="panel-header">
        <h2 id="settings-title">Settings</h2>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label="Close the settings panel"
          title="Close the settings panel"
        >
          &gt;
        </button>
      </header>
      {step && (
        <StepGates
          step={step}
          onChange={(gates) => onChange(setGates(draft, step.environment, gates))}
          onClose={onDeselect}
          serverProblems={gateProblems}
        />
      )}
      <label htmlFor="flow-name">Name</label>
      <input
        id="flow-name"
        value={draft.name}
        onChange={(e) => set('name')(e.target.value.trim())}
        placeholder="multi-env-sequential-promotion"
        autoComplete="off"
        spellCheck={false}
      />
      {renaming && <p className="help">Saving under a new name creates a new flow; the old one stays.</p>}
      <label htmlFor="flow-description">
        Description <span className="muted">(optional)</span>
      </label>
      <textarea
        id="flow-description"
        rows={3}
        value={draft.description}
        onChange={(e) => set('description')(e.target.value)}
      />
      <label htmlFor="flow-timeout">Flow Timeout</label>
      <TimeoutInput id="flow-timeout" value={draft.timeout} onChange={set('timeout')} />
      <p className="help" id="flow-timeout-help">
        How long a release may run before it is terminated. Empty: 24 hours.
      </p>
      <label htmlFor="flow-version">
        Version <span className="muted">(optional)</span>
      </label>
      <input
        id="flow-version"
        value={draft.version}
        onChange={(e) => set('version')(e.target.value)}
        placeholder="1.0"
        autoComplete="off"
      />
      <p className="help">Set by hand, to tell changes of the same flow apart.</p>
    </aside>
  );
}
