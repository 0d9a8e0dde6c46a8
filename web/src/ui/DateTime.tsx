import { formatDateTime, formatTime } from './format';

export function DateTime({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <time dateTime={value} title={value}>
      {formatDateTime(value)}
    </time>
  );
}

/** The time of day, the full date and time on hover: for steps of one release, which share a day. */
export function Clock({ value }: { value: string | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      {formatTime(value)}
    </time>
  );
}
