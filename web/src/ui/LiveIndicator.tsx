import type { StreamState } from '../api/resumable';

const TEXT: Record<StreamState | 'idle', string> = {
  idle: '',
  live: 'Live',
  reconnecting: 'Connection lost, reconnecting…',
  ended: '',
  failed: 'Live updates stopped. Reload the page to resume.',
};

/** Says whether the screen is following the server live. */
export function LiveIndicator({ state }: { state: StreamState | 'idle' }) {
  if (!TEXT[state]) return null;
  return (
    <span className={`live live-${state}`} role="status" aria-live="polite">
      {state === 'live' && <span className="live-dot" aria-hidden="true" />}
      {TEXT[state]}
    </span>
  );
}
