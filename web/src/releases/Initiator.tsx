import { describeInitiator, triggerCommit } from './triggeredBy';

/** Who started a release: a token's name, or "automatic, commit <short sha>" with the full SHA as its title. */
export function Initiator({ triggeredBy }: { triggeredBy: string | null | undefined }) {
  const text = describeInitiator(triggeredBy);
  if (text == null) return <span className="muted">—</span>;
  const commit = triggerCommit(triggeredBy);
  return commit != null ? <span title={`Started by commit ${commit}`}>{text}</span> : <>{text}</>;
}
