import './line.css';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useCaller } from '../releases/useCaller';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PinApplicationMutation, UnpinApplicationMutation } from './queries';
import { ReasonDialog } from './ReasonDialog';

/**
 * A dashboard cell's pin: whether the application is pinned at its version and why, for everyone; Pin (asking
 * why) and Unpin for administrators only.
 */
export function PinControl({
  product,
  environment,
  application,
  onChanged,
}: {
  product: string;
  environment: string;
  application: { name: string; version: string | null; pinned: boolean; pinReason: string | null };
  onChanged: () => void;
}) {
  const { name, pinned, pinReason } = application;
  const isAdmin = useCaller()?.role === 'ADMIN';
  const [asking, setAsking] = useState(false);
  const [pinning, pin] = useMutation(PinApplicationMutation);
  const [unpinning, unpin] = useMutation(UnpinApplicationMutation);
  const where = `${product} in ${environment}`;

  async function doPin(reason: string) {
    const result = await pin({ name, reason });
    if (!result.data) return;
    setAsking(false);
    onChanged();
  }

  async function doUnpin() {
    const result = await unpin({ name });
    if (result.data) onChanged();
  }

  if (!pinned && !isAdmin) return null;
  return (
    <div className="pin-control" data-pinned={pinned ? 'true' : 'false'}>
      {pinned && (
        <p className="pin-state">
          <span className="badge pinned" aria-label={`${where} is pinned`}>
            Pinned
          </span>{' '}
          <span className="pin-reason">{pinReason}</span>
        </p>
      )}
      {isAdmin &&
        (pinned ? (
          <button
            type="button"
            className="link-button small"
            onClick={doUnpin}
            disabled={unpinning.fetching}
            aria-label={`Unpin ${where}`}
          >
            {unpinning.fetching ? 'Unpinning…' : 'Unpin'}
          </button>
        ) : (
          <button
            type="button"
            className="link-button small"
            onClick={() => setAsking(true)}
            aria-label={`Pin ${where}…`}
          >
            Pin…
          </button>
        ))}
      <ErrorMessage error={unpinning.error} title={`${where} was not unpinned.`} />
      {asking && (
        <ReasonDialog
          title={`Pin ${where}?`}
          label="Why (shown in the cell and on every step it holds)"
          confirm={{ idle: 'Pin', busy: 'Pinning…' }}
          busy={pinning.fetching}
          error={pinning.error}
          failure={`${where} was not pinned.`}
          onConfirm={doPin}
          onClose={() => setAsking(false)}
        >
          <p>
            {where} stays at version <strong>{application.version ?? 'unknown'}</strong>: no flow step, automatic
            trigger or promotion changes it until it is unpinned. Steps into it wait, saying who pinned it and why.
          </p>
        </ReasonDialog>
      )}
    </div>
  );
}
