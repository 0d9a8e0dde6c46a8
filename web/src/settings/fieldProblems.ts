import type { CombinedError } from '@urql/core';

/** Problems by form field; `form` holds one that concerns no single field. */
export type Problems<F extends string> = Partial<Record<F | 'form', string>>;

/** Codes of refusals that are about the input, and so belong next to a field when they name one. */
const INPUT_CODES = new Set(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND']);

/**
 * The server's refusal, by the form's fields: each error that names its field (extensions.field, a path from the
 * input's root such as `promotionTemplate.versionSource.jsonPath`) goes where `fieldOf` places it; the rest go to
 * `form`. A refused token or an unreachable server is not a problem of the input: it is left to `failure`.
 */
export function problemsOf<F extends string>(
  error: CombinedError | undefined,
  fieldOf: (serverField: string) => F | undefined,
): Problems<F> {
  const problems: Problems<F> = {};
  for (const e of error?.graphQLErrors ?? []) {
    if (!INPUT_CODES.has(String(e.extensions?.code))) continue;
    const serverField = e.extensions?.field;
    const field: F | 'form' = (typeof serverField === 'string' && fieldOf(serverField)) || 'form';
    problems[field] = problems[field] ? `${problems[field]} ${e.message}` : e.message;
  }
  return problems;
}

/** Whether any field, or the form, has a problem. */
export function hasProblems<F extends string>(problems: Problems<F>): boolean {
  return Object.values(problems).some(Boolean);
}

/** Whether an error is a refusal of the input, as opposed to a refused token or an unreachable server. */
export function isInputRefusal(error: CombinedError | undefined): boolean {
  return (error?.graphQLErrors ?? []).some((e) => INPUT_CODES.has(String(e.extensions?.code)));
}
