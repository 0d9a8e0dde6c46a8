import { statusIcon, statusLabel, statusTone } from '../releases/status';

/** A status as an icon with its name for screen readers and a tooltip; `withLabel` also writes the word. */
export function StatusIcon({
  status,
  withLabel = false,
  label,
}: {
  status: string | null | undefined;
  withLabel?: boolean;
  label?: string;
}) {
  const word = statusLabel(status);
  const tone = statusTone(status);
  return (
    <span
      className={`status status-${tone}${status === 'RUNNING' ? ' status-spin' : ''}`}
      data-status={status ?? undefined}
    >
      <span
        className="status-icon"
        role="img"
        aria-label={label ? `${label}: ${word}` : word}
        title={label ? `${label}: ${word}` : word}
      >
        {statusIcon(status)}
      </span>
      {withLabel && <span className="status-word">{word}</span>}
    </span>
  );
}
