import { gateIcon, gateStatusLabel, gateTone } from './gates';

/** A gate's status as an icon in the status colours, with its words for screen readers (and on screen if asked). */
export function GateStatus({ status, withLabel = false }: { status: string; withLabel?: boolean }) {
  const word = gateStatusLabel(status);
  return (
    <span className={`status status-${gateTone(status)}`} data-gate-status={status}>
      <span className="status-icon" role="img" aria-label={word} title={word}>
        {gateIcon(status)}
      </span>
      {withLabel && <span className="status-word">{word}</span>}
    </span>
  );
}
