import type { CombinedError } from '@urql/core';
import type { ReactNode } from 'react';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';

/**
 * Asks before something is deleted (or revoked): what happens, Cancel, and the danger button that does it; what
 * went wrong shows below. Where the server's refusal is final (it names what still refers to the thing), Cancel
 * becomes Close and the button goes.
 */
export function ConfirmDelete({
  title,
  action,
  busyAction,
  busy,
  onConfirm,
  onClose,
  error,
  errorTitle,
  refusalIsFinal = false,
  children,
}: {
  title: string;
  action: string;
  /** The button's text while the server is asked; `action` if none. */
  busyAction?: string;
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
  error: CombinedError | undefined;
  errorTitle: string;
  refusalIsFinal?: boolean;
  children: ReactNode;
}) {
  const refused = refusalIsFinal && !!error;
  return (
    <Dialog
      title={title}
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            {refused ? 'Close' : 'Cancel'}
          </button>
          {!refused && (
            <button type="button" className="danger" onClick={onConfirm} disabled={busy}>
              {busy && busyAction ? busyAction : action}
            </button>
          )}
        </>
      }
    >
      {children}
      <ErrorMessage error={error} title={errorTitle} />
    </Dialog>
  );
}
