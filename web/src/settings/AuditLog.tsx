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
        <ChoiceFilter
          id="audit-actor"
          label="Person"
          all="Everyone"
          choices={data?.auditActors ?? []}
          value={filters.actor}
          onChange={(actor) => filter({ actor })}
        />
        <ChoiceFilter
          id="audit-operation"
          label="Kind of change"
          all="Every kind"
          choices={data?.auditOperations ?? []}
          value={filters.operation}
          onChange={(operation) => filter({ operation })}
        />
        <TimeFilter id="audit-since" label="From" value={filters.since} onChange={(since) => filter({ since })} />
        <TimeFilter id="audit-until" label="Until" value={filters.until} onChange={(until) => filter({ until })} />
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

/** A filter by one of the values the log holds; empty: `all` of them. */
function ChoiceFilter({
  id,
  label,
  all,
  choices,
  value,
  onChange,
}: {
  id: string;
  label: string;
  all: string;
  choices: readonly string[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {c}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A filter by a time, in the browser's time zone. */
function TimeFilter({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="settings-field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="datetime-local" value={value} onChange={(e) => onChange(e.target.value)} />
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
