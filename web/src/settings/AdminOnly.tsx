import type { ReactNode } from 'react';
import { useCaller } from '../releases/useCaller';
import { Loading } from '../ui/Loading';

/** A settings page only administrators may read: anyone else is told so, and nothing is asked of the server. */
export function AdminOnly({ title, why, children }: { title: string; why: string; children: ReactNode }) {
  const caller = useCaller();
  if (!caller) return <Loading what="your role" />;
  if (caller.role === 'ADMIN') return <>{children}</>;
  return (
    <div className="page settings-page">
      <h1>{title}</h1>
      <p className="notice" role="note">
        {title} are for administrators only: {why} Your token, <strong>{caller.name}</strong>, has the{' '}
        {caller.role.toLowerCase()} role.
      </p>
    </div>
  );
}
