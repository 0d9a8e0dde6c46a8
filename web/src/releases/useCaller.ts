import { useQuery } from 'urql';
import type { CallerQuery as Caller } from '../gql/graphql';
import { CallerQuery } from './queries';

/** The signed-in token's name and role (Query.me); null until known, so nothing is offered before then. */
export function useCaller(): Caller['me'] | null {
  const [{ data }] = useQuery({ query: CallerQuery, requestPolicy: 'cache-first' });
  return data?.me ?? null;
}
