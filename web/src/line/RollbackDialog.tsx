import { useMemo } from 'react';
import { useMutation, useQuery } from 'urql';
import { useNavigate } from 'react-router';
import { DiffView } from '../products/DiffView';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { shortSha } from '../ui/format';
import { Loading } from '../ui/Loading';
import { RollbackMutation, RollbackPreviewQuery } from './queries';

/** Which application to put back, and to what: the values an earlier release left in it. */
export interface RollbackTarget {
  product: string;
  environment: string;
  /** The earlier release's id. */
  toRelease: string;
  /** The version that release brought, when known, for the title. */
  version: string | null;
}

/**
 * "Roll back to this": first the promoted values the rollback would change (from → to) and the diff it would
 * commit; on confirmation, the rollback release, opened at once. A refusal is shown in the server's words.
 */
export function RollbackDialog({ target, onClose }: { target: RollbackTarget; onClose: () => void }) {
  const { product, environment, toRelease } = target;
  const input = useMemo(() => ({ product, environment, toRelease }), [product, environment, toRelease]);
  const [preview] = useQuery({ query: RollbackPreviewQuery, variables: { input }, requestPolicy: 'network-only' });
  const [rolling, rollback] = useMutation(RollbackMutation);
  const navigate = useNavigate();
  const plan = preview.data?.rollbackPreview;
  const nothing = plan != null && plan.changes.length === 0 && plan.files.length === 0;

  async function confirm() {
    const result = await rollback({ input });
    const release = result.data?.rollback;
    if (release) navigate(`/releases/${encodeURIComponent(release.id)}`);
  }

  return (
    <Dialog
      title={`Roll back ${target.product} in ${target.environment}`}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={confirm} disabled={!plan || nothing || rolling.fetching}>
            {rolling.fetching ? 'Rolling back…' : 'Roll back'}
          </button>
        </>
      }
    >
      <p>
        Puts back in {target.environment} the promoted values that release {target.toRelease}
        {target.version ? ` (version ${target.version})` : ''} left there, as a new commit on top of its branch. The
        rollback is a release of its own, listed as <strong>Rollback</strong>, and runs {target.environment}&apos;s
        gates.
      </p>
      {preview.fetching && <Loading what="what the rollback would change" />}
      <ErrorMessage error={preview.error} title="Could not compute what the rollback would change." />
      {plan && (
        <>
          <h3>What the rollback would commit</h3>
          <p>
            Version now <strong>{plan.currentVersion ?? 'unknown'}</strong>, after the rollback{' '}
            <strong>{plan.version ?? 'unknown'}</strong>{' '}
            <span className="muted">
              (values read from commit <code title={plan.fromCommit}>{shortSha(plan.fromCommit)}</code>)
            </span>
          </p>
          {nothing ? (
            <p className="muted">
              Nothing would change: {target.environment} already holds the values that release left there.
            </p>
          ) : (
            <>
              <table className="grid rollback-changes" aria-label="Promoted values the rollback changes">
                <thead>
                  <tr>
                    <th scope="col">File</th>
                    <th scope="col">Value</th>
                    <th scope="col">Now</th>
                    <th scope="col">After the rollback</th>
                  </tr>
                </thead>
                <tbody>
                  {plan.changes.map((c) => (
                    <tr key={`${c.file}:${c.path ?? ''}`} data-change={`${c.file}:${c.path ?? ''}`}>
                      <td>
                        <code>{c.file}</code>
                      </td>
                      <td>{c.path ? <code>{c.path}</code> : <span className="muted">whole file</span>}</td>
                      <td className="diff-remove">{c.from ?? <span className="muted">absent</span>}</td>
                      <td className="diff-add">{c.to ?? <span className="muted">removed</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <DiffView files={plan.files} />
            </>
          )}
        </>
      )}
      <ErrorMessage error={rolling.error} title="The rollback did not start." />
    </Dialog>
  );
}
