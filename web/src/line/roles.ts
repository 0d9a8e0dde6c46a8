import type { Role } from '../gql/graphql';

/** Rollback needs PROMOTER, like promote; pausing, pinning, windows and overrides need ADMIN. */
export function mayRollBack(role: Role | null | undefined): boolean {
  return role === 'PROMOTER' || role === 'ADMIN';
}
