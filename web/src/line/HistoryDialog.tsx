import './line.css';
import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { commitUrl } from '../releases/commitLink';
import { useCaller } from '../releases/useCaller';
import { DateTime } from '../ui/DateTime';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { shortSha } from '../ui/format';
import { Loading } from '../ui/Loading';
import { StatusIcon } from '../ui/StatusIcon';
import { ApplicationHistoryQuery } from './queries';
import { RollbackDialog, type RollbackTarget } from './RollbackDialog';
import { mayRollBack } from './roles';

/** How many versions one page of the history lists. */
export const HISTORY_PAGE = 10;

/**
 * One dashboard cell's history: each version the application had through Baton, newest first, with its commit,
 * the release that brought it and when; older pages on demand; "Roll back to this" for those who may.
 */
export function HistoryDialog({
  product,
  environment,
  application,
  onClose,
}: {
  product: string;
  environment: string;
  application: string;
  onClose: () => void;
}) {
  // Each page is read after the last version of the page before it.
  const [pages, setPages] = useState<Array<string | null>>([null]);
  const [rollingBack, setRollingBack] = useState<RollbackTarget | null>(null);
  const canRollBack = mayRollBack(useCaller()?.role);

  if (rollingBack) return <RollbackDialog target={rollingBack} onClose={() => setRollingBack(null)} />;
  return (
    <Dialog title={`History of ${product} in ${environment}`} onClose={onClose} wide>
      <p className="muted">Each version {application} has had through Baton, newest first.</p>
      <div className="table-scroll">
        <table className="grid stack history" aria-label={`Versions of ${application}`}>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Commit</th>
              <th scope="col">Release</th>
              <th scope="col">When</th>
              {canRollBack && (
                <th scope="col">
                  <span className="sr-only">Rollback</span>
                </th>
              )}
            </tr>
          </thead>
          {pages.map((after, i) => (
            <HistoryPage
              key={after ?? 'newest'}
              application={application}
              after={after}
              first={i === 0}
              last={i === pages.length - 1}
              canRollBack={canRollBack}
              onOlder={(cursor) => setPages([...pages, cursor])}
              onRollBack={(toRelease, version) => setRollingBack({ product, environment, toRelease, version })}
            />
          ))}
        </table>
      </div>
    </Dialog>
  );
}

function HistoryPage({
  application,
  after,
  first,
  last,
  canRollBack,
  onOlder,
  onRollBack,
}: {
  application: string;
  after: string | null;
  first: boolean;
  last: boolean;
  canRollBack: boolean;
  onOlder: (cursor: string) => void;
  onRollBack: (toRelease: string, version: string | null) => void;
}) {
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ApplicationHistoryQuery,
    variables: { name: application, first: HISTORY_PAGE, after },
    requestPolicy: 'network-only',
  });
  const columns = canRollBack ? 5 : 4;
  const versions = data?.application?.history ?? [];
  const repoUrl = data?.application?.repoUrl;
  const older = versions.length === HISTORY_PAGE ? versions[versions.length - 1].cursor : null;

  return (
    <tbody>
      {(error || (fetching && !data) || (data && versions.length === 0 && first)) && (
        <tr>
          <td colSpan={columns}>
            {fetching && !data && <Loading what="the history" />}
            <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
            {data && versions.length === 0 && first && (
              <p className="muted">No versions yet: no release has committed into {application}.</p>
            )}
          </td>
        </tr>
      )}
      {versions.map((v, i) => {
        const current = first && i === 0;
        const link = commitUrl(repoUrl, v.commitSha);
        return (
          <tr key={v.cursor} data-history-version={v.version ?? ''} data-release={v.release.id}>
            <td data-label="Version">
              {v.version ?? <span className="muted">unknown</span>}
              {current && <span className="muted small"> (newest)</span>}
            </td>
            <td data-label="Commit">
              {link ? (
                <a href={link} target="_blank" rel="noreferrer" title={v.commitSha}>
                  <code>{shortSha(v.commitSha)}</code>
                </a>
              ) : (
                <code title={v.commitSha}>{shortSha(v.commitSha)}</code>
              )}
            </td>
            <td data-label="Release">
              <Link to={`/releases/${encodeURIComponent(v.release.id)}`}>
                {v.release.promotionFlowName} #{v.release.id}
              </Link>{' '}
              <StatusIcon status={v.release.status} />
            </td>
            <td data-label="When">
              <DateTime value={v.at} />
            </td>
            {canRollBack && (
              <td className="actions">
                {!current && (
                  <button
                    type="button"
                    onClick={() => onRollBack(v.release.id, v.version ?? null)}
                    aria-label={`Roll back to this: ${v.version ?? 'the version'} of release ${v.release.id}`}
                  >
                    Roll back to this
                  </button>
                )}
              </td>
            )}
          </tr>
        );
      })}
      {last && older && (
        <tr>
          <td colSpan={columns}>
            <button type="button" className="link-button" onClick={() => onOlder(older)}>
              Older versions
            </button>
          </td>
        </tr>
      )}
    </tbody>
  );
}
