import type { CombinedError } from '@urql/core';

/** The server refused the token: HTTP 401, UNAUTHENTICATED, or a WebSocket closed with 4401/4403. */
export function isUnauthorized(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as Partial<CombinedError> & { code?: number };
  if (typeof e.code === 'number' && (e.code === 4401 || e.code === 4403)) return true;
  const status = (e.response as { status?: number } | undefined)?.status;
  if (status === 401) return true;
  if (e.networkError && isUnauthorized(e.networkError)) return true;
  return (e.graphQLErrors ?? []).some((g) => g.extensions?.code === 'UNAUTHENTICATED');
}

/** Whether retrying could help: a dropped connection can, a refused request cannot. */
export function isNetworkError(error: unknown): boolean {
  const e = error as Partial<CombinedError> | undefined;
  return !!e?.networkError && !isUnauthorized(error);
}

/**
 * Whether reopening a subscription could help: after a dropped connection, a server that asks the client to
 * subscribe again (CONFLICT: it fell behind) or a transient server error; never after a refusal.
 */
export function isRetryable(error: unknown): boolean {
  if (isUnauthorized(error)) return false;
  const e = error as Partial<CombinedError> | undefined;
  const codes = (e?.graphQLErrors ?? []).map((g) => g.extensions?.code);
  if (codes.length) return codes.every((code) => code === 'CONFLICT' || code === 'INTERNAL');
  return !!e?.networkError;
}

/** An error in words a person can act on; never a stack trace. */
export function describeError(error: CombinedError | Error | null | undefined): string {
  if (!error) return '';
  const combined = error as Partial<CombinedError>;
  if (combined.graphQLErrors && combined.graphQLErrors.length) {
    const messages = combined.graphQLErrors.map((g) => g.message).filter(Boolean);
    const codes = combined.graphQLErrors.map((g) => g.extensions?.code);
    const text = unique(messages).join(' ');
    if (codes.includes('FORBIDDEN')) return `Your token's role does not allow this. ${text}`.trim();
    if (codes.includes('UNAUTHENTICATED')) return 'Baton no longer accepts your token. Sign in again.';
    return text || 'Baton could not do that.';
  }
  if (combined.networkError) {
    return 'Baton could not be reached. Check your connection and that the server is running, then try again.';
  }
  return error.message || 'Something went wrong.';
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
