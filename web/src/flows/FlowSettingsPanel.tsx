import type { FlowDraft } from './flowModel';
import { TimeoutInput } from './TimeoutInput';

interface Props {
  draft: FlowDraft;
  onChange: (draft: FlowDraft) => void;
  onClose: () => void;
  renaming: boolean;
}

/** Name, description, timeout and version of the flow being built. */
export function FlowSettingsPanel({ draft, onChange, onClose, renaming }: Props) {
  const set = (field: keyof FlowDraft) => (value: string) => onChange({ ...draft, [field]: value });
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
