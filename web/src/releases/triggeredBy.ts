import { shortSha } from '../ui/format';

const AUTOMATIC = 'auto:';

/** The commit that started an automatic release (triggeredBy auto:<sha>), or null for a person's token. */
export function triggerCommit(triggeredBy: string | null | undefined): string | null {
  return triggeredBy?.startsWith(AUTOMATIC) ? triggeredBy.slice(AUTOMATIC.length) : null;
}

/** Who started a release, in words: the token's name, or "automatic, commit 3f7a9c1" for a new commit. */
export function describeInitiator(triggeredBy: string | null | undefined): string | null {
  const commit = triggerCommit(triggeredBy);
  if (commit != null) return `automatic, commit ${shortSha(commit)}`;
  return triggeredBy ?? null;
}
