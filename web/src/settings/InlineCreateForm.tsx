import type { CombinedError } from '@urql/core';
import type { FormEvent, ReactNode } from 'react';
import { FormFailure } from './FormField';

/** A form on one line of a settings page that creates something: its fields, the button, and what stopped it. */
export function InlineCreateForm({
  label,
  submitLabel,
  busy,
  onSubmit,
  problem,
  failure,
  failureTitle,
  children,
}: {
  label: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
  /** The server's refusal that names no field. */
  problem: string | undefined;
  failure: CombinedError | undefined;
  failureTitle: string;
  children: ReactNode;
}) {
  return (
    <form className="settings-inline-form" aria-label={label} onSubmit={onSubmit} noValidate>
      {children}
      <div className="settings-field">
        <span aria-hidden="true">&nbsp;</span>
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
      <FormFailure problem={problem} failure={failure} title={failureTitle} />
    </form>
  );
}
