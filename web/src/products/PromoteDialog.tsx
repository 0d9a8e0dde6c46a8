import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { ReleaseStartedButtons } from '../releases/ReleaseStartedButtons';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import type { Cell } from './dashboardModel';
import { DiffView } from './DiffView';
import { PromoteMutation, PromotionPreviewQuery } from './queries';

interface Props {
  source: Cell;
  /** Null when opened from the Promote… button: the person picks the target here. */
  target: Cell | null;
  candidates: Cell[];
  onClose: () => void;
  onPromoted: () => void;
}

/** Confirms a drag-and-drop promotion with the diff it would commit, then promotes (a release listed as Manual). */
export function PromoteDialog({ source, target: given, candidates, onClose, onPromoted }: Props) {
  const [targetName, setTargetName] = useState(given?.environment ?? candidates[0]?.environment ?? '');
  const target = candidates.find((c) => c.environment === targetName) ?? given;
  const [preview] = useQuery({
    query: PromotionPreviewQuery,
    variables: { product: source.product, source: source.environment, target: target?.environment ?? '' },
    pause: !target,
    requestPolicy: 'network-only',
  });
  const [promotion, promote] = useMutation(PromoteMutation);
  const release = promotion.data?.promote;

  async function confirm() {
    if (!target) return;
    const result = await promote({
      input: { product: source.product, sourceEnvironment: source.environment, targetEnvironment: target.environment },
    });
    if (result.data) onPromoted();
  }

  const files = preview.data?.promotionPreview.files ?? [];
  const footer = release ? (
    <ReleaseStartedButtons releaseId={release.id} onClose={onClose} />
  ) : (
    <>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      <button
        type="button"
        className="primary"
        onClick={confirm}
        disabled={!target || promotion.fetching || !preview.data}
      >
        {promotion.fetching ? 'Promoting…' : 'Promote'}
      </button>
    </>
  );

  return (
    <Dialog title={`Promote ${source.product}`} onClose={onClose} footer={footer} wide>
      {release ? (
        <p role="status">
          Promotion started: {source.environment} → {target?.environment}. It is listed under Releases as{' '}
          <strong>{release.promotionFlowName}</strong>.
        </p>
      ) : (
        <>
          <p>
            From <strong>{source.environment}</strong> (version{' '}
            <strong>{source.application?.version ?? 'unknown'}</strong>) to{' '}
            {given ? (
              <strong>{given.environment}</strong>
            ) : (
              <select
                aria-label="Target environment"
                value={targetName}
                onChange={(e) => setTargetName(e.target.value)}
              >
                {candidates.map((c) => (
                  <option key={c.environment} value={c.environment}>
                    {c.environment}
                  </option>
                ))}
              </select>
            )}{' '}
            {target && (
              <>
                (now <strong>{target.application?.version ?? 'unknown'}</strong>)
              </>
            )}
            .
          </p>
          {candidates.length === 0 && !given && (
            <p className="muted">This product has no other environment with an application to promote to.</p>
          )}
          {preview.fetching && <Loading what="the changes this promotion would make" />}
          <ErrorMessage error={preview.error} title="Could not compute the changes." />
          {preview.data && (
            <>
              <h3>What this promotion would commit</h3>
              {preview.data.promotionPreview.version && (
                <p>
                  Version after promotion: <strong>{preview.data.promotionPreview.version}</strong>
                </p>
              )}
              {files.length ? (
                <DiffView files={files} />
              ) : (
                <p className="muted">
                  Nothing would change: {target?.environment} already has this content. Promoting records a release and
                  makes no commit.
                </p>
              )}
            </>
          )}
        </>
      )}
      <ErrorMessage error={promotion.error} title="The promotion did not start." />
    </Dialog>
  );
}
