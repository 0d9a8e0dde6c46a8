import type { CombinedError } from '@urql/core';
import type { ReactNode } from 'react';
import { ErrorMessage } from '../ui/ErrorMessage';

/** The attributes that tie an input to its help and, when there is one, its problem. */
export function invalid(id: string, problem: string | undefined) {
  return {
    'aria-invalid': problem ? true : undefined,
    'aria-describedby': problem ? `${id}-problem ${id}-help` : `${id}-help`,
  };
}

/** {@link invalid}, with the input's id. */
export function describedBy(id: string, problem: string | undefined) {
  return { id, ...invalid(id, problem) };
}

/** A labelled field of a settings form, with its help and, next to it, what is wrong with it. */
export function Field({
  id,
  label,
  help,
  problem,
  className,
  problemClassName,
  children,
}: {
  id: string;
  label: string;
  help: string;
  problem: string | undefined;
  className: string;
  problemClassName?: string;
  children: ReactNode;
}) {
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children}
      <p id={`${id}-help`} className="muted small">
        {help}
      </p>
      {problem && <Problem id={`${id}-problem`} text={problem} className={problemClassName} />}
    </div>
  );
}

/** A {@link Field} laid out as the catalog's settings pages lay theirs out. */
export function FormField(props: {
  id: string;
  label: string;
  help: string;
  problem: string | undefined;
  children: ReactNode;
}) {
  return <Field {...props} className="settings-field" problemClassName="field-problem" />;
}

export function Problem({ id, text, className }: { id: string; text: string; className?: string }) {
  return (
    <p id={id} className={className ? `error ${className}` : 'error'} role="alert">
      {text}
    </p>
  );
}

/** What stopped a form as a whole: the server's refusal that names no field, or the form's failure. */
export function FormFailure({
  problem,
  failure,
  title,
}: {
  problem: string | undefined;
  failure: CombinedError | undefined;
  title: string;
}) {
  return (
    <>
      {problem && <ErrorMessage error={problem} title={title} />}
      <ErrorMessage error={failure} title={title} />
    </>
  );
}

/** A {@link FormField} that chooses one of `choices`; `none` is offered while there are no choices. */
export function SelectField({
  id,
  label,
  help,
  problem,
  value,
  choices,
  none,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  help: string;
  problem: string | undefined;
  value: string;
  choices: readonly { value: string; label: string }[];
  none?: string;
  disabled?: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <FormField id={id} label={label} problem={problem} help={help}>
      <select
        {...describedBy(id, problem)}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
      >
        {none && choices.length === 0 && <option value="">{none}</option>}
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </FormField>
  );
}

/** A {@link FormField} to type a line of text in. */
export function TextField({
  id,
  label,
  help,
  problem,
  value,
  disabled,
  autoComplete,
  onChange,
}: {
  id: string;
  label: string;
  help: string;
  problem: string | undefined;
  value: string;
  disabled?: boolean;
  autoComplete?: 'off';
  onChange: (value: string) => void;
}) {
  return (
    <FormField id={id} label={label} problem={problem} help={help}>
      <input
        {...describedBy(id, problem)}
        value={value}
        disabled={disabled}
        autoComplete={autoComplete}
        onChange={(e) => onChange(e.target.value)}
      />
    </FormField>
  );
}
