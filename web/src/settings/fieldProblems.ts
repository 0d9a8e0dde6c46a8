import type { CombinedError } from '@urql/core';
import type { GraphQLError } from 'graphql';

/** Problems by form field; `form` holds one that concerns no single field. */
export type Problems<F extends string> = Partial<Record<F | 'form', string>>;

/** Codes of refusals that are about the input, and so belong next to a field when they name one. */
const INPUT_CODES = new Set(['BAD_USER_INPUT', 'CONFLICT', 'NOT_FOUND']);

/**
 * The server's refusal of the input, by field: each error that refuses the input goes where `placeOf` puts it, a
 * field or `form`; messages for one place are joined. A refused token or an unreachable server is not a problem of
 * the input: it is left out, for the form's failure.
 */
export function refusals<F extends string>(
  error: CombinedError | undefined,
  placeOf: (refusal: GraphQLError) => F | 'form',
): Problems<F> {
  const problems: Problems<F> = {};
  for (const e of error?.graphQLErrors ?? []) {
    if (!INPUT_CODES.has(String(e.extensions?.code))) continue;
    const place = placeOf(e);
    problems[place] = problems[place] ? `${problems[place]} ${e.message}` : e.message;
  }
  return problems;
}

/**
 * {@link refusals}, placed by the field each error names (extensions.field, a path from the input's root such as
 * `promotionTemplate.versionSource.jsonPath`), which `fieldOf` turns into the form's field; the rest go to `form`.
 */
export function problemsOf<F extends string>(
  error: CombinedError | undefined,
  fieldOf: (serverField: string) => F | undefined,
): Problems<F> {
  return refusals<F>(error, (e) => {
    const serverField = e.extensions?.field;
    return (typeof serverField === 'string' && fieldOf(serverField)) || 'form';
  });
}

/** Whether any field, or the form, has a problem. */
export function hasProblems<F extends string>(problems: Problems<F>): boolean {
  return Object.values(problems).some(Boolean);
}
