import {
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import type { DragEndEvent } from '@dnd-kit/core';
import type { CombinedError } from '@urql/core';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { EnvironmentKind, SettingsEnvironmentsQuery as Data } from '../gql/graphql';
import { useCaller } from '../releases/useCaller';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import {
  CreateEnvironmentMutation,
  DeleteEnvironmentMutation,
  ReorderEnvironmentsMutation,
  SettingsEnvironmentsQuery,
  UpdateEnvironmentKindMutation,
} from './catalogQueries';
import { moveBy, moveTo } from './environmentOrder';
import { problemsOf } from './fieldProblems';
import { SelectField, TextField } from './FormField';
import { InlineCreateForm } from './InlineCreateForm';
import { DoneNotice, SettingsHeader, ReadOnlyNote } from './SettingsLayout';
import { ConfirmDelete } from './ConfirmDelete';
import { useFieldProblems } from './useFieldProblems';

type Environment = Data['environments'][number];

const KINDS: { kind: EnvironmentKind; label: string }[] = [
  { kind: 'NON_PROD', label: 'Non-production' },
  { kind: 'PROD', label: 'Production' },
];

/** Settings -> Environments: create, change kind, reorder (drag and drop, or the arrows), delete. */
export function EnvironmentSettings() {
  const caller = useCaller();
  const admin = caller?.role === 'ADMIN';
  const [{ data, fetching, error }, refetch] = useQuery({ query: SettingsEnvironmentsQuery });
  const refresh = () => refetch({ requestPolicy: 'network-only' });
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: CombinedError } | null>(null);
  const [deleting, setDeleting] = useState<Environment | null>(null);
  const [, reorder] = useMutation(ReorderEnvironmentsMutation);
  const [, updateKind] = useMutation(UpdateEnvironmentKindMutation);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );
  const environments = data?.environments ?? [];
  const names = environments.map((e) => e.name);

  function told(text: string) {
    setNotice(text);
    setFailure(null);
    refresh();
  }

  async function saveOrder(next: string[]) {
    if (next.join() === names.join()) return;
    const result = await reorder({ names: next });
    if (result.error) setFailure({ title: 'The new order was not saved.', error: result.error });
    else told(`Environments are now in this order: ${next.join(', ')}.`);
  }

  async function changeKind(env: Environment, kind: EnvironmentKind) {
    const result = await updateKind({ name: env.name, kind });
    if (result.error) setFailure({ title: `The kind of ${env.name} was not changed.`, error: result.error });
    else told(`${env.name} is now ${kind === 'PROD' ? 'a production' : 'a non-production'} environment.`);
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over) return;
    void saveOrder(moveTo(names, String(active.id), String(over.id)));
  }

  return (
    <div className="page settings-page">
      <SettingsHeader title="Environments">
        The places products run, in the order dashboards show them. Drag a row by its handle to reorder.
      </SettingsHeader>
      <ReadOnlyNote what="environments" />
      <DoneNotice text={notice} />
      {failure && <ErrorMessage error={failure.error} title={failure.title} />}
      <ErrorMessage error={error} onRetry={refresh} />
      {!data && fetching && <Loading what="environments" />}
      {admin && <NewEnvironmentForm onCreated={(name) => told(`Created environment ${name}.`)} />}
      {data && environments.length === 0 && (
        <EmptyState title="No environments yet">
          <p>Create the places your products run, e.g. dev, staging and prod, in that order.</p>
        </EmptyState>
      )}
      {environments.length > 0 && (
        <DndContext sensors={sensors} onDragEnd={onDragEnd}>
          <table className="settings-table" aria-label="Environments">
            <thead>
              <tr>
                {admin && <th aria-label="Order" />}
                <th>Name</th>
                <th>Kind</th>
                <th>Applications</th>
                {admin && <th>Actions</th>}
              </tr>
            </thead>
            <tbody>
              {environments.map((env, index) => (
                <EnvironmentRow
                  key={env.id}
                  env={env}
                  admin={admin}
                  first={index === 0}
                  last={index === environments.length - 1}
                  onMove={(by) => void saveOrder(moveBy(names, index, by))}
                  onKind={(kind) => void changeKind(env, kind)}
                  onDelete={() => setDeleting(env)}
                />
              ))}
            </tbody>
          </table>
        </DndContext>
      )}
      {deleting && (
        <DeleteEnvironmentDialog
          env={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={(name) => {
            setDeleting(null);
            told(`Deleted environment ${name}.`);
          }}
        />
      )}
    </div>
  );
}

function EnvironmentRow({
  env,
  admin,
  first,
  last,
  onMove,
  onKind,
  onDelete,
}: {
  env: Environment;
  admin: boolean;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
  onKind: (kind: EnvironmentKind) => void;
  onDelete: () => void;
}) {
  const drag = useDraggable({ id: env.name, disabled: !admin });
  const drop = useDroppable({ id: env.name, disabled: !admin });
  const className = [drag.isDragging ? 'dragging' : '', drop.isOver && !drag.isDragging ? 'drop-target' : '']
    .filter(Boolean)
    .join(' ');
  return (
    <tr ref={drop.setNodeRef} className={className || undefined} data-environment={env.name}>
      {admin && (
        <td className="actions">
          <span
            ref={drag.setNodeRef}
            className="drag-handle"
            {...drag.listeners}
            {...drag.attributes}
            aria-label={`Drag ${env.name}`}
          >
            ⠿
          </span>{' '}
          <button
            type="button"
            className="icon-button"
            aria-label={`Move ${env.name} up`}
            disabled={first}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={`Move ${env.name} down`}
            disabled={last}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
        </td>
      )}
      <th scope="row">{env.name}</th>
      <td>
        {admin ? (
          <select
            aria-label={`Kind of ${env.name}`}
            value={env.kind}
            onChange={(e) => onKind(e.target.value as EnvironmentKind)}
          >
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
        ) : (
          KINDS.find((k) => k.kind === env.kind)?.label
        )}
      </td>
      <td>
        {env.applications.length ? env.applications.map((a) => a.name).join(', ') : <span className="muted">none</span>}
      </td>
      {admin && (
        <td className="actions">
          <button type="button" className="danger" aria-label={`Delete ${env.name}`} onClick={onDelete}>
            Delete
          </button>
        </td>
      )}
    </tr>
  );
}

type EnvironmentField = 'name' | 'kind';

function NewEnvironmentForm({ onCreated }: { onCreated: (name: string) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<EnvironmentKind>('NON_PROD');
  const { problems, failure, edited, send } = useFieldProblems<EnvironmentField>();
  const [created, create] = useMutation(CreateEnvironmentMutation);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const sent = await send(
      name.trim() ? {} : { name: 'Give the environment a name, e.g. dev.' },
      () => create({ input: { name: name.trim(), kind } }),
      (error) => problemsOf<EnvironmentField>(error, (f) => (f === 'name' || f === 'kind' ? f : undefined)),
    );
    const data = sent?.data;
    if (!data?.createEnvironment) return;
    setName('');
    onCreated(data.createEnvironment.name);
  }

  return (
    <InlineCreateForm
      label="New environment"
      submitLabel="Create environment"
      busy={created.fetching}
      onSubmit={submit}
      problem={problems.form}
      failure={failure}
      failureTitle="The environment was not created."
    >
      <TextField
        id="environment-name"
        label="Name"
        problem={problems.name}
        help="a-z, 0-9 and '-', e.g. staging."
        value={name}
        autoComplete="off"
        onChange={(value) => {
          setName(value);
          edited('name');
        }}
      />
      <SelectField
        id="environment-kind"
        label="Kind"
        problem={problems.kind}
        help="Production is marked on dashboards."
        value={kind}
        choices={KINDS.map((k) => ({ value: k.kind, label: k.label }))}
        onChange={(value) => setKind(value as EnvironmentKind)}
      />
    </InlineCreateForm>
  );
}

function DeleteEnvironmentDialog({
  env,
  onClose,
  onDeleted,
}: {
  env: Environment;
  onClose: () => void;
  onDeleted: (name: string) => void;
}) {
  const [deleted, remove] = useMutation(DeleteEnvironmentMutation);

  async function confirm() {
    const result = await remove({ name: env.name });
    if (!result.error) onDeleted(env.name);
  }

  return (
    <ConfirmDelete
      title={`Delete ${env.name}?`}
      action="Delete environment"
      busy={deleted.fetching}
      onConfirm={confirm}
      onClose={onClose}
      error={deleted.error}
      errorTitle={`${env.name} was not deleted.`}
      refusalIsFinal
    >
      <p>
        Baton refuses while an application, a flow or a release refers to <strong>{env.name}</strong>; it then says
        which.
      </p>
    </ConfirmDelete>
  );
}
