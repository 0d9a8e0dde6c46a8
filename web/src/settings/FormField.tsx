import type { ReactNode } from 'react';

/** The attributes that tie an input to its help and, when there is one, its problem. */
export function describedBy(id: string, problem: string | undefined) {
  return {
    id,
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem ${id}-help` : `${id}-help`,
  };
}

/** A labelled field with its help, and its problem (the client's or the server's) right below it. */
export function FormField({
  id,
  label,
  help,
  problem,
  children,
}: {
  id: string;
  label: string;
  help: string;
  problem: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      {children}
      <p id={`${id}-help`} className="muted small">
        {help}
      </p>
      {problem && (
        <p id={`${id}-problem`} className="error field-problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
