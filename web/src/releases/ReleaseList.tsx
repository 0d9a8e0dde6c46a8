import { useCallback } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { useLiveRefresh } from '../api/useLiveRefresh';
import type { ReleaseStatus } from '../gql/graphql';
import { DateTime } from '../ui/DateTime';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { LiveIndicator } from '../ui/LiveIndicator';
import { Loading } from '../ui/Loading';
import { StatusIcon } from '../ui/StatusIcon';
import { Initiator } from './Initiator';
import { ReleaseFilters, type Filters } from './ReleaseFilters';
import { ReleasesQuery } from './queries';

export const PAGE_SIZE = 20;

/** Releases, newest first: Date, Initiator, Promotion Flow (or Manual), Environments, Version; filters and paging. */
export function ReleaseList() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters: Filters = {
    product: params.get('product') ?? '',
    flow: params.get('flow') ?? '',
    status: params.get('status') ?? '',
  };
  /** Cursors of the pages before this one, so Previous can go back; the current page's `after` is the last. */
  const trail = (params.get('pages') ?? '').split(',').filter(Boolean);
  const after = trail.length ? trail[trail.length - 1] : null;

  const [{ data, fetching, error }, refetch] = useQuery({
    query: ReleasesQuery,
    variables: {
      product: filters.product || null,
      promotionFlow: filters.flow || null,
      status: (filters.status || null) as ReleaseStatus | null,
      first: PAGE_SIZE,
      after,
    },
  });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const live = useLiveRefresh(refresh, filters.product || null);

  function applyFilters(next: Filters) {
    const p = new URLSearchParams();
    if (next.product) p.set('product', next.product);
    if (next.flow) p.set('flow', next.flow);
    if (next.status) p.set('status', next.status);
    setParams(p);
  }

  function page(nextTrail: string[]) {
    const p = new URLSearchParams(params);
    if (nextTrail.length) p.set('pages', nextTrail.join(','));
    else p.delete('pages');
    setParams(p);
  }

  const releases = data?.releases.nodes ?? [];
  const filtered = !!(filters.product || filters.flow || filters.status);

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Releases</h1>
          <p className="muted">
            Every promotion, newest first. Select a release to follow it environment by environment.
          </p>
        </div>
        <LiveIndicator state={live} />
      </div>
      <ReleaseFilters value={filters} onChange={applyFilters} />
      <ErrorMessage error={error} onRetry={refresh} />
      {!data && fetching && <Loading what="releases" />}
      {data &&
        releases.length === 0 &&
        (filtered || after ? (
          <EmptyState
            title="No releases match"
            action={
              <button type="button" onClick={() => applyFilters({ product: '', flow: '', status: '' })}>
                Clear filters
              </button>
            }
          >
            <p>No release matches these filters. Clear them to see every release.</p>
          </EmptyState>
        ) : (
          <EmptyState title="No releases yet" action={<Link to="/flows">Go to Promotion Flows</Link>}>
            <p>
              A release is one run of a promotion. Trigger a flow from <strong>Promotion Flows</strong>, or drag a
              version from one environment onto another on the <Link to="/">Products</Link> dashboard; the release shows
              up here and moves as it runs.
            </p>
          </EmptyState>
        ))}
      {releases.length > 0 && (
        <div className="table-scroll">
          <table className="grid releases stack">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Product</th>
                <th scope="col">Initiator</th>
                <th scope="col">Promotion Flow</th>
                <th scope="col">Environments</th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {releases.map((r) => (
                <tr
                  key={r.id}
                  data-release={r.id}
                  className="clickable"
                  onClick={(e) => {
                    if (!(e.target as HTMLElement).closest('a')) navigate(`/releases/${encodeURIComponent(r.id)}`);
                  }}
                >
                  <td data-label="Date">
                    <Link
                      to={`/releases/${encodeURIComponent(r.id)}`}
                      aria-label={`Release of ${r.product.name}, ${r.promotionFlowName}`}
                    >
                      <DateTime value={r.createdAt} />
                    </Link>
                  </td>
                  <td data-label="Product">{r.product.name}</td>
                  <td data-label="Initiator">
                    <Initiator triggeredBy={r.triggeredBy} />
                  </td>
                  <td data-label="Promotion Flow" data-column="promotion-flow">
                    {r.promotionFlowName}
                  </td>
                  <td data-label="Environments">
                    <ul className="env-statuses">
                      {r.steps.map((s) => (
                        <li key={s.environment.name}>
                          <StatusIcon status={s.status} label={s.environment.name} /> {s.environment.name}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td data-label="Version">{r.version ?? <span className="muted">—</span>}</td>
                  <td data-label="Status">
                    <StatusIcon status={r.status} withLabel />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(after || data?.releases.pageInfo.hasNextPage) && (
        <nav className="pager" aria-label="Pages of releases">
          <button type="button" onClick={() => page(trail.slice(0, -1))} disabled={!after}>
            ← Newer
          </button>
          <span className="muted">Page {trail.length + 1}</span>
          <button
            type="button"
            onClick={() => data?.releases.pageInfo.endCursor && page([...trail, data.releases.pageInfo.endCursor])}
            disabled={!data?.releases.pageInfo.hasNextPage}
          >
            Older →
          </button>
        </nav>
      )}
    </div>
  );
}
