import type { ReactNode } from 'react';

/** The attributes that tie an input to its help and, when there is one, its problem. */
export function invalid(id: string, problem: string | undefined) {
  return {
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem ${id}-help` : `${id}-help`,
  };
}

/** A labelled field of a settings form, with its help and, next to it, what is wrong with it. */
export function Field({
  id,
  label,
  help,
  problem,
  className,
  children,
}: {
  id: string;
  label: string;
  help: string;
  problem: string | undefined;
  className: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children}
      <p id={`${id}-help`} className="muted small">
        {help}
      </p>
      {problem && <Problem id={`${id}-problem`} text={problem} />}
    </div>
  );
}

export function Problem({ id, text }: { id: string; text: string }) {
  return (
    <p id={id} className="error" role="alert">
      {text}
    </p>
  );
}
