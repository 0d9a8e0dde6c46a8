import '../line/line.css';
import { useCallback, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { FreezeWindowFieldsFragment } from '../gql/graphql';
import { FreezeWindowsQuery, DeleteFreezeWindowMutation } from '../line/queries';
import { DateTime } from '../ui/DateTime';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { ConfirmDelete } from './ConfirmDelete';
import { FreezeWindowForm } from './FreezeWindowForm';
import { describeRecurrence } from './freezeWindowModel';
import { SettingsCallerQuery } from './queries';
import { DoneNotice, SettingsHeader } from './SettingsLayout';

/** Settings -> Freeze windows: everyone may read them; administrators add and delete them. */
export function FreezeWindowSettings() {
  const [caller] = useQuery({ query: SettingsCallerQuery });
  const [{ data, fetching, error }, refetch] = useQuery({ query: FreezeWindowsQuery });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<FreezeWindowFieldsFragment | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const isAdmin = caller.data?.me.role === 'ADMIN';
  const windows = data?.freezeWindows ?? [];
  const environments = [...(data?.environments ?? [])]
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name))
    .map((e) => e.name);

  function told(text: string) {
    setNotice(text);
    refresh();
  }

  return (
    <div className="page freeze-windows">
      <SettingsHeader
        title="Freeze windows"
        actions={
          isAdmin && (
            <button type="button" className="primary" onClick={() => setAdding(true)}>
              Add freeze window
            </button>
          )
        }
      >
        While a window is open, no step into its environments starts its commit: the step waits, naming the window, and
        goes on by itself when it closes. An administrator can let one release through with a reason.
      </SettingsHeader>
      <DoneNotice text={notice} />
      <ErrorMessage error={error} onRetry={refresh} />
      {!data && fetching && <Loading what="freeze windows" />}
      {data && windows.length === 0 && (
        <EmptyState title="No freeze windows">
          <p>
            A freeze window keeps releases out of some environments for a while: once (the year-end freeze) or on a
            schedule (every Friday afternoon).
          </p>
        </EmptyState>
      )}
      {windows.map((w) => (
        <WindowCard key={w.id} window={w} onRemove={isAdmin ? () => setRemoving(w) : null} />
      ))}
      {adding && (
        <FreezeWindowForm
          environments={environments}
          onClose={() => setAdding(false)}
          onCreated={(name) => {
            setAdding(false);
            told(`Added freeze window ${name}.`);
          }}
        />
      )}
      {removing && (
        <RemoveDialog
          window={removing}
          onClose={() => setRemoving(null)}
          onRemoved={(name) => {
            setRemoving(null);
            told(`Deleted freeze window ${name}; the steps it held go on.`);
          }}
        />
      )}
    </div>
  );
}

function WindowCard({ window: w, onRemove }: { window: FreezeWindowFieldsFragment; onRemove: (() => void) | null }) {
  const recurrence = describeRecurrence(w);
  return (
    <section className="card freeze-window-card" aria-labelledby={`freeze-${w.id}`} data-freeze-window={w.name}>
      <header className="freeze-window-header">
        <h2 id={`freeze-${w.id}`}>
          {w.name} {w.active && <span className="badge paused">Open now</span>}
        </h2>
        {onRemove && (
          <button type="button" className="danger" onClick={onRemove} aria-label={`Delete ${w.name}`}>
            Delete
          </button>
        )}
      </header>
      <dl>
        <dt>Environments</dt>
        <dd>{w.environments.join(', ')}</dd>
        <dt>When</dt>
        <dd>
          {recurrence ?? (
            <>
              <DateTime value={w.start} /> to <DateTime value={w.end} />
            </>
          )}
        </dd>
        <dt>Reason</dt>
        <dd>{w.reason}</dd>
        <dt>{w.active ? 'Closes' : 'Next opens'}</dt>
        <dd>
          {w.active ? (
            <DateTime value={w.closesAt} />
          ) : w.nextStart ? (
            <DateTime value={w.nextStart} />
          ) : (
            <span className="muted">Never again</span>
          )}
        </dd>
      </dl>
    </section>
  );
}

function RemoveDialog({
  window: w,
  onClose,
  onRemoved,
}: {
  window: FreezeWindowFieldsFragment;
  onClose: () => void;
  onRemoved: (name: string) => void;
}) {
  const [removal, remove] = useMutation(DeleteFreezeWindowMutation);

  async function confirm() {
    const result = await remove({ name: w.name });
    if (result.data?.deleteFreezeWindow) onRemoved(result.data.deleteFreezeWindow.name);
  }

  return (
    <ConfirmDelete
      title={`Delete ${w.name}?`}
      action="Delete freeze window"
      busyAction="Deleting…"
      busy={removal.fetching}
      onConfirm={confirm}
      onClose={onClose}
      error={removal.error}
      errorTitle="The freeze window was not deleted."
    >
      <p>
        {w.environments.join(', ')} {w.environments.length === 1 ? 'is' : 'are'} no longer frozen by {w.name}; the steps
        it holds now go on at once.
      </p>
    </ConfirmDelete>
  );
}
