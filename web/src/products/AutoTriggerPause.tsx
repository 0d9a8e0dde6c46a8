import { useState } from 'react';
import { useMutation } from 'urql';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import type { Automation } from './autoTrigger';
import { useCaller } from '../releases/useCaller';
import { PauseAutoTriggerMutation, ResumeAutoTriggerMutation } from './queries';

/**
 * Whether a product's automatic triggers are paused (a badge, the reason as its title), and Pause / Resume for an
 * administrator only (Query.me); a refusal by the server is still shown in words.
 */
export function AutoTriggerPause({
  product,
  automation,
  onChanged,
}: {
  product: string;
  automation: Automation;
  onChanged: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const [resumed, resume] = useMutation(ResumeAutoTriggerMutation);
  const isAdmin = useCaller()?.role === 'ADMIN';

  async function doResume() {
    const result = await resume({ product });
    if (result.data) onChanged();
  }

  if (!automation.paused && (automation.flows.length === 0 || !isAdmin)) return null;
  return (
    <div className="auto-trigger">
      {automation.paused ? (
        <>
          <span className="badge paused" title={automation.pauseReason ?? 'Paused; no reason was given.'}>
            Automatic triggers paused
          </span>
          {isAdmin && (
            <button
              type="button"
              className="link-button small"
              onClick={doResume}
              disabled={resumed.fetching}
              aria-label={`Resume the automatic triggers of ${product}`}
            >
              {resumed.fetching ? 'Resuming…' : 'Resume'}
            </button>
          )}
        </>
      ) : (
        <button
          type="button"
          className="link-button small"
          onClick={() => setAsking(true)}
          aria-label={`Pause the automatic triggers of ${product}…`}
        >
          Pause…
        </button>
      )}
      <ErrorMessage error={resumed.error} title="The automatic triggers were not resumed." />
      {asking && (
        <PauseDialog
          product={product}
          onClose={() => setAsking(false)}
          onPaused={() => {
            setAsking(false);
            onChanged();
          }}
        />
      )}
    </div>
  );
}

function PauseDialog({ product, onClose, onPaused }: { product: string; onClose: () => void; onPaused: () => void }) {
  const [reason, setReason] = useState('');
  const [paused, pause] = useMutation(PauseAutoTriggerMutation);

  async function doPause() {
    const result = await pause({ product, reason: reason.trim() || null });
    if (result.data) onPaused();
  }

  return (
    <Dialog
      title={`Pause the automatic triggers of ${product}?`}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={doPause} disabled={paused.fetching}>
            {paused.fetching ? 'Pausing…' : 'Pause'}
          </button>
        </>
      }
    >
      <p>
        While paused, no new commit starts a release of {product}; releases already started go on. On resume, the
        commits made meanwhile start one release, for the newest.
      </p>
      <label htmlFor="pause-reason">Why (shown with the product)</label>
      <textarea
        id="pause-reason"
        rows={3}
        maxLength={1000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <ErrorMessage error={paused.error} title="The automatic triggers were not paused." />
    </Dialog>
  );
}
