import type { CombinedError } from '@urql/core';
import { useState } from 'react';
import { hasProblems, type Problems } from './fieldProblems';

/**
 * A settings form's problems, the client's own and the server's refusals, each at its field (`form` when it names
 * none), and its failure: an error that refuses nothing the form holds (a refused token, an unreachable server).
 */
export function useFieldProblems<F extends string>() {
  const [problems, setProblems] = useState<Problems<F>>({});
  const [failure, setFailure] = useState<CombinedError | undefined>(undefined);

  /** A field was edited: its problem goes. */
  function edited(field: F) {
    if (problems[field]) setProblems({ ...problems, [field]: undefined });
  }

  /**
   * Sends the form unless the client's own check `found` problems (then they show and nothing is sent). The
   * server's answer when it refused nothing; otherwise undefined, each refusal shown where `byField` places it, and
   * an error that it places nowhere shown as the form's failure.
   */
  async function send<D>(
    found: Problems<F>,
    request: () => Promise<{ data?: D; error?: CombinedError }>,
    byField: (error: CombinedError | undefined) => Problems<F>,
  ): Promise<{ data?: D } | undefined> {
    setFailure(undefined);
    setProblems(found);
    if (hasProblems(found)) return undefined;
    const result = await request();
    if (!result.error) return result;
    const refused = byField(result.error);
    setProblems(refused);
    if (!hasProblems(refused)) setFailure(result.error);
    return undefined;
  }

  return { problems, failure, edited, send, setProblems };
}
