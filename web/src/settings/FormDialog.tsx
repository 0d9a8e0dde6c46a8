import type { FormEvent, ReactNode } from 'react';
import { Dialog } from '../ui/Dialog';

/** A dialog that holds a settings form: its fields, Cancel, and the button that sends it. */
export function FormDialog({
  title,
  formId,
  formClassName,
  submitLabel,
  busy,
  onSubmit,
  onClose,
  children,
}: {
  title: string;
  formId: string;
  formClassName: string;
  submitLabel: string;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="primary" disabled={busy}>
            {submitLabel}
          </button>
        </>
      }
    >
      <form id={formId} className={formClassName} onSubmit={onSubmit} noValidate>
        {children}
      </form>
    </Dialog>
  );
}
