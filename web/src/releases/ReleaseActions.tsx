import { useState } from 'react';
import { useMutation } from 'urql';
import type { ReleaseFieldsFragment } from '../gql/graphql';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { RetryReleaseMutation, TerminateReleaseMutation } from './queries';
import { canRetry, canTerminate } from './status';

/** Terminate while a release is not finished; Retry once it failed or was terminated. */
export function ReleaseActions({
  release,
  onChanged,
}: {
  release: ReleaseFieldsFragment;
  onChanged: (release: ReleaseFieldsFragment) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [terminated, terminate] = useMutation(TerminateReleaseMutation);
  const [retried, retry] = useMutation(RetryReleaseMutation);

  async function doTerminate() {
    const result = await terminate({ id: release.id });
    setConfirming(false);
    if (result.data) onChanged(result.data.terminateRelease);
  }

  async function doRetry() {
    const result = await retry({ id: release.id });
    if (result.data) onChanged(result.data.retryRelease);
  }

  return (
    <div className="release-actions">
      {canTerminate(release.status) && (
        <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={terminated.fetching}>
          Terminate
        </button>
      )}
      {canRetry(release.status) && (
        <button type="button" className="primary" onClick={doRetry} disabled={retried.fetching}>
          {retried.fetching ? 'Retrying…' : 'Retry'}
        </button>
      )}
      <ErrorMessage error={retried.error} title="The release was not retried." />
      <ErrorMessage error={!confirming ? terminated.error : null} title="The release was not terminated." />
      {confirming && (
        <Dialog
          title="Terminate this release?"
          onClose={() => setConfirming(false)}
          footer={
            <>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep it running
              </button>
              <button type="button" className="danger" onClick={doTerminate} disabled={terminated.fetching}>
                {terminated.fetching ? 'Terminating…' : 'Terminate'}
              </button>
            </>
          }
        >
          <p>
            Running steps stop and pending ones are skipped. Environments already promoted keep their commits. You can
            retry the release afterwards.
          </p>
          <ErrorMessage error={terminated.error} />
        </Dialog>
      )}
    </div>
  );
}
