// A Baton for component tests: answers each query by its operation name, records each mutation and answers it.
import type { Client } from '@urql/core';
import type { DocumentNode, OperationDefinitionNode } from 'graphql';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { Provider } from 'urql';
import { concat, fromValue, never } from 'wonka';

export type Answer = { data?: object | null; error?: unknown };
export type Variables = Record<string, unknown>;

export interface Sent {
  name: string;
  variables: Variables;
}

export function operationName(query: DocumentNode): string {
  const op = query.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
  return op?.name?.value ?? '';
}

export function refusal(message: string, code: string): Answer {
  return { error: { graphQLErrors: [{ message, extensions: { code } }] } };
}

/**
 * A client whose queries are answered by `queries[name](variables)` (the caller's role by `role`), and whose
 * mutations are recorded in the returned list and answered by `mutations[name](variables)`.
 */
export function fakeBaton(
  role: 'ADMIN' | 'PROMOTER' | 'VIEWER',
  queries: Record<string, (variables: Variables) => Answer> = {},
  mutations: Record<string, (variables: Variables) => Answer> = {},
) {
  const sent: Sent[] = [];
  const reads: Sent[] = [];
  const me = { me: { __typename: 'Caller', name: role.toLowerCase(), role } };
  const answer = (request: { query: DocumentNode; variables: Variables }, answers: typeof queries) => {
    const name = operationName(request.query);
    const found =
      name === 'Caller' || name === 'SettingsCaller' ? { data: me } : (answers[name]?.(request.variables) ?? {});
    // As the real client's, a query's source stays open after its result (it would carry later cache updates).
    return concat([fromValue({ operation: request, ...found, stale: false, hasNext: false }), never]);
  };
  const client = {
    executeQuery: (request: { query: DocumentNode; variables: Variables }) => {
      reads.push({ name: operationName(request.query), variables: request.variables });
      return answer(request, queries);
    },
    executeMutation: (request: { query: DocumentNode; variables: Variables }) => {
      sent.push({ name: operationName(request.query), variables: request.variables });
      return answer(request, mutations);
    },
    executeSubscription: () => never,
  } as unknown as Client;
  return { client, sent, reads };
}

/** Where the app navigated to, for tests that follow a link or a navigate(). */
function Location() {
  const location = useLocation();
  return <div data-testid="location">{location.pathname}</div>;
}

export function withBaton(client: Client, children: ReactNode) {
  return (
    <Provider value={client}>
      <MemoryRouter>
        <Routes>
          <Route path="*" element={children} />
        </Routes>
        <Location />
      </MemoryRouter>
    </Provider>
  );
}
