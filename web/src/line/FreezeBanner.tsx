import './line.css';
import type { FreezeWindowSummaryFragment } from '../gql/graphql';
import { DateTime } from '../ui/DateTime';

/** One line per freeze window open now: its name, its environments, its reason and when it ends. */
export function FreezeBanner({ windows }: { windows: readonly FreezeWindowSummaryFragment[] }) {
  if (windows.length === 0) return null;
  return (
    <div className="freeze-banner" role="region" aria-label="Freeze windows open now">
      {windows.map((w) => (
        <p key={w.id} className="notice attention" data-freeze-window={w.name}>
          <strong>Frozen: {w.name}</strong> on {w.environments.join(', ')}
          {w.closesAt && (
            <>
              {' '}
              until <DateTime value={w.closesAt} />
            </>
          )}
          : <span className="freeze-reason">{w.reason}</span>
          <span className="muted"> (steps into {w.environments.length === 1 ? 'it' : 'them'} wait until then)</span>
        </p>
      ))}
    </div>
  );
}
