import type { CombinedError } from '@urql/core';
import { describeError } from '../api/errors';

/** An error, in words, where the content would have been; with a way to try again when there is one. */
export function ErrorMessage({
  error,
  onRetry,
  title,
}: {
  error: CombinedError | Error | string | null | undefined;
  onRetry?: () => void;
  title?: string;
}) {
  if (!error) return null;
  const text = typeof error === 'string' ? error : describeError(error);
  return (
    <div className="error-box" role="alert">
      {title && <strong>{title} </strong>}
      <span>{text}</span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
