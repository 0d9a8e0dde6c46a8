import { formatTime } from '../ui/format';
import { statusLabel } from './status';
import type { TimelineEntry } from './releaseState';

/** The transitions seen while watching, newest first. */
export function ReleaseTimeline({ entries }: { entries: readonly TimelineEntry[] }) {
  if (entries.length === 0) return null;
  return (
    <section className="timeline card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Activity</h2>
      <ol reversed>
        {[...entries].reverse().map((entry) => (
          <li key={entry.cursor}>
            <time dateTime={entry.at}>{formatTime(entry.at)}</time> <strong>{entry.environment ?? 'Release'}</strong>{' '}
            {entry.previousStatus && entry.previousStatus !== entry.status
              ? `${statusLabel(entry.previousStatus)} → `
              : ''}
            {statusLabel(entry.status)}
            {entry.message && <span className="muted"> — {entry.message}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
