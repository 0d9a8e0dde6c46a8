import { useState } from 'react';
import { useQuery } from 'urql';
import { DateTime } from '../ui/DateTime';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { AdminOnly } from './AdminOnly';
import { AuditLogQuery } from './catalogQueries';
import { SettingsHeader } from './SettingsLayout';

/** How many entries a page of the audit log shows. */
export const AUDIT_PAGE_SIZE = 25;

type Filters = { actor: string; operation: string; since: string; until: string };

/** A datetime-local value (the browser's time zone) as an instant; empty is none. */
export function instantOf(local: string): string | null {
  if (!local) return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** Settings -> Audit log: who changed what, when, newest first; filtered by person, kind and time; paginated. */
export function AuditLog() {
  return (
    <AdminOnly title="Audit log" why="its entries carry every change's input.">
      <AuditEntries />
    </AdminOnly>
  );
}

function AuditEntries() {
  const [filters, setFilters] = useState<Filters>({ actor: '', operation: '', since: '', until: '' });
  /** The cursors of the pages before this one: the last is this page's `after`. */
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, fetching, error }, refetch] = useQuery({
    query: AuditLogQuery,
    variables: {
      first: AUDIT_PAGE_SIZE,
      after,
      actor: filters.actor || null,
      operation: filters.operation || null,
      since: instantOf(filters.since),
      until: instantOf(filters.until),
    },
    requestPolicy: 'cache-and-network',
  });

  function filter(next: Partial<Filters>) {
    setFilters({ ...filters, ...next });
    setCursors([null]);
  }

  const entries = data?.auditLog.nodes ?? [];
  const pageInfo = data?.auditLog.pageInfo;
  return (
    <div className="page settings-page">
      <SettingsHeader
        title="Audit log"
        actions={
          <button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })} disabled={fetching}>
            Refresh
          </button>
        }
      >
        Every change made through the API: who made it, what it was, and when; newest first.
      </SettingsHeader>
      <form className="settings-inline-form" aria-label="Filter the audit log" onSubmit={(e) => e.preventDefault()}>
        <div className="settings-field">
          <label htmlFor="audit-actor">Person</label>
          <select id="audit-actor" value={filters.actor} onChange={(e) => filter({ actor: e.target.value })}>
            <option value="">Everyone</option>
            {(data?.auditActors ?? []).map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <div className="settings-field">
          <label htmlFor="audit-operation">Kind of change</label>
          <select
            id="audit-operation"
            value={filters.operation}
            onChange={(e) => filter({ operation: e.target.value })}
          >
            <option value="">Every kind</option>
            {(data?.auditOperations ?? []).map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </div>
        <div className="settings-field">
          <label htmlFor="audit-since">From</label>
          <input
            id="audit-since"
            type="datetime-local"
            value={filters.since}
            onChange={(e) => filter({ since: e.target.value })}
          />
        </div>
        <div className="settings-field">
          <label htmlFor="audit-until">Until</label>
          <input
            id="audit-until"
            type="datetime-local"
            value={filters.until}
            onChange={(e) => filter({ until: e.target.value })}
          />
        </div>
      </form>
      <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {!data && fetching && <Loading what="the audit log" />}
      {data && entries.length === 0 && <p className="muted">No changes match.</p>}
      {entries.length > 0 && (
        <table className="settings-table" aria-label="Audit log">
          <thead>
            <tr>
              <th>When</th>
              <th>Who</th>
              <th>What</th>
              <th>Input</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id} data-audit={e.operation}>
                <td>
                  <DateTime value={e.at} />
                </td>
                <td>{e.actor}</td>
                <td>{e.operation}</td>
                <td>{e.input && <pre className="audit-input">{pretty(e.input)}</pre>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pagination" aria-label="Audit log pages">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Newer
        </button>{' '}
        <span className="muted small">Page {cursors.length}</span>{' '}
        <button
          type="button"
          disabled={!pageInfo?.hasNextPage}
          onClick={() => pageInfo?.endCursor && setCursors([...cursors, pageInfo.endCursor])}
        >
          Older
        </button>
      </nav>
    </div>
  );
}

function pretty(json: string): string {
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}
