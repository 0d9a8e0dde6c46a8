import type { CombinedError } from '@urql/core';
import { useId, useState, type ReactNode } from 'react';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';

/**
 * Asks why before a line-control change (pause, pin, override a freeze): the reason is required, as the server
 * requires it, and is shown wherever the change is. The server's refusal stays in the dialog, in its words.
 */
export function ReasonDialog({
  title,
  label,
  confirm,
  busy,
  error,
  failure,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  label: string;
  /** The confirming button's text ("Pause"); with "…ing" while the request is on its way given as busy. */
  confirm: { idle: string; busy: string };
  busy: boolean;
  error: CombinedError | undefined;
  /** What the error box says first: "The environment was not paused." */
  failure: string;
  onConfirm: (reason: string) => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const fieldId = useId();

  function submit() {
    const text = reason.trim();
    setMissing(!text);
    if (text) onConfirm(text);
  }

  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={submit} disabled={busy}>
            {busy ? confirm.busy : confirm.idle}
          </button>
        </>
      }
    >
      {children}
      <label htmlFor={fieldId}>{label}</label>
      <textarea
        id={fieldId}
        rows={3}
        maxLength={1000}
        value={reason}
        aria-invalid={missing || undefined}
        aria-describedby={missing ? `${fieldId}-problem` : undefined}
        onChange={(e) => {
          setReason(e.target.value);
          setMissing(false);
        }}
      />
      {missing && (
        <p id={`${fieldId}-problem`} className="error" role="alert">
          Say why: the reason is shown to everyone it holds up.
        </p>
      )}
      <ErrorMessage error={error} title={failure} />
    </Dialog>
  );
}
