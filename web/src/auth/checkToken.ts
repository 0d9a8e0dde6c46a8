import { print } from 'graphql';
import { WhoCanReadQuery } from './queries';

export type TokenCheck = { ok: true } | { ok: false; reason: string };

/** Asks the server whether it accepts a token, before the app remembers it. */
export async function checkToken(token: string, fetchImpl: typeof fetch = fetch): Promise<TokenCheck> {
  let response: Response;
  try {
    response = await fetchImpl('/graphql', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: print(WhoCanReadQuery) }),
    });
  } catch {
    return { ok: false, reason: 'Baton did not answer. Check that the server is running and try again.' };
  }
  if (response.status === 401) {
    return {
      ok: false,
      reason: 'That token was not accepted. Check that you copied all of it, and that it was not revoked.',
    };
  }
  if (response.status === 429) {
    return { ok: false, reason: 'Too many failed sign-ins from here. Wait a moment, then try again.' };
  }
  if (!response.ok) {
    return { ok: false, reason: `Baton answered with an error (HTTP ${response.status}). Try again in a moment.` };
  }
  return { ok: true };
}
