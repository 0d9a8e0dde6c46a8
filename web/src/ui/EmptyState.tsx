import type { ReactNode } from 'react';

/** What a newcomer sees where there is nothing yet: what this place is for and what to do next. */
export function EmptyState({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2>{title}</h2>
      <div className="muted">{children}</div>
      {action && <div className="empty-action">{action}</div>}
    </section>
  );
}
