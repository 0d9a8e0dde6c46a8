import { useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { TimeoutInput } from '../flows/TimeoutInput';
import { CreateFreezeWindowMutation } from '../line/queries';
import { FormDialog } from './FormDialog';
import { Field as FormField, FormFailure, invalid, Problem } from './FormField';
import { useFieldProblems } from './useFieldProblems';
import {
  checkDraft,
  emptyFreezeWindowDraft,
  knownTimeZones,
  refusalProblems,
  toInput,
  type FreezeField,
  type FreezeWindowDraft,
} from './freezeWindowModel';

/**
 * Add freeze window: one-off (start and end) or recurring (cron, duration, time zone); each problem, the
 * client's or the server's, shows next to its field.
 */
export function FreezeWindowForm({
  environments,
  onClose,
  onCreated,
}: {
  environments: readonly string[];
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const [draft, setDraft] = useState<FreezeWindowDraft>(emptyFreezeWindowDraft);
  const { problems, failure, edited, send } = useFieldProblems<FreezeField>();
  const [created, create] = useMutation(CreateFreezeWindowMutation);
  const zones = useMemo(knownTimeZones, []);
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  function change(next: Partial<FreezeWindowDraft>, field: FreezeField) {
    setDraft({ ...draft, ...next });
    edited(field);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const sent = await send(checkDraft(draft), () => create({ input: toInput(draft) }), refusalProblems);
    if (sent?.data?.createFreezeWindow) onCreated(sent.data.createFreezeWindow.name);
  }

  function toggle(environment: string, on: boolean) {
    const chosen = new Set(draft.environments);
    if (on) chosen.add(environment);
    else chosen.delete(environment);
    change({ environments: environments.filter((e) => chosen.has(e)) }, 'environments');
  }

  return (
    <FormDialog
      title="Add freeze window"
      formId="freeze-form"
      formClassName="freeze-form"
      submitLabel={created.fetching ? 'Adding…' : 'Add freeze window'}
      busy={created.fetching}
      onSubmit={submit}
      onClose={onClose}
    >
      <Field id="freeze-name" label="Name" problem={problems.name} help="Shown on every step it holds.">
        <input
          id="freeze-name"
          value={draft.name}
          autoComplete="off"
          {...invalid('freeze-name', problems.name)}
          onChange={(e) => change({ name: e.target.value }, 'name')}
        />
      </Field>
      <fieldset
        aria-describedby={problems.environments ? 'freeze-environments-problem' : undefined}
        aria-invalid={problems.environments ? true : undefined}
      >
        <legend>Environments</legend>
        {environments.map((env) => (
          <label key={env} className="checkbox">
            <input
              type="checkbox"
              checked={draft.environments.includes(env)}
              onChange={(e) => toggle(env, e.target.checked)}
            />
            {env}
          </label>
        ))}
        {problems.environments && <Problem id="freeze-environments-problem" text={problems.environments} />}
      </fieldset>
      <fieldset className="choices">
        <legend>When</legend>
        <label className="choice">
          <input
            type="radio"
            name="freeze-kind"
            checked={draft.kind === 'ONE_OFF'}
            onChange={() => change({ kind: 'ONE_OFF' }, 'start')}
          />
          <span>Once, from a start to an end</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="freeze-kind"
            checked={draft.kind === 'RECURRING'}
            onChange={() => change({ kind: 'RECURRING' }, 'cron')}
          />
          <span>Recurring: opens on a cron schedule, for a duration</span>
        </label>
      </fieldset>
      {draft.kind === 'ONE_OFF' ? (
        <>
          <Field id="freeze-start" label="Start" problem={problems.start} help={`Your time (${browserZone}).`}>
            <input
              id="freeze-start"
              type="datetime-local"
              value={draft.start}
              {...invalid('freeze-start', problems.start)}
              onChange={(e) => change({ start: e.target.value }, 'start')}
            />
          </Field>
          <Field id="freeze-end" label="End" problem={problems.end} help={`Your time (${browserZone}).`}>
            <input
              id="freeze-end"
              type="datetime-local"
              value={draft.end}
              {...invalid('freeze-end', problems.end)}
              onChange={(e) => change({ end: e.target.value }, 'end')}
            />
          </Field>
        </>
      ) : (
        <>
          <Field
            id="freeze-cron"
            label="Cron"
            problem={problems.cron}
            help="Five fields for each opening: minute hour day-of-month month day-of-week, e.g. 0 15 * * FRI."
          >
            <input
              id="freeze-cron"
              value={draft.cron}
              autoComplete="off"
              placeholder="0 15 * * FRI"
              {...invalid('freeze-cron', problems.cron)}
              onChange={(e) => change({ cron: e.target.value }, 'cron')}
            />
          </Field>
          <Field
            id="freeze-duration"
            label="Duration"
            problem={problems.duration}
            help="How long it stays open after each opening."
          >
            <TimeoutInput
              id="freeze-duration"
              value={draft.duration}
              onChange={(duration) => change({ duration }, 'duration')}
              unitLabel="Duration unit"
              placeholder="66"
              emptyUnit="hours"
              describedBy={problems.duration ? 'freeze-duration-problem freeze-duration-help' : 'freeze-duration-help'}
              invalid={!!problems.duration}
            />
          </Field>
          <Field
            id="freeze-zone"
            label="Time zone"
            problem={problems.timeZone}
            help="An IANA name the cron is read in, e.g. Europe/Berlin; daylight saving is followed."
          >
            <input
              id="freeze-zone"
              value={draft.timeZone}
              list="freeze-zones"
              autoComplete="off"
              {...invalid('freeze-zone', problems.timeZone)}
              onChange={(e) => change({ timeZone: e.target.value }, 'timeZone')}
            />
            <datalist id="freeze-zones">
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </Field>
        </>
      )}
      <Field id="freeze-reason" label="Reason" problem={problems.reason} help="Shown on the dashboard's banner.">
        <textarea
          id="freeze-reason"
          rows={2}
          maxLength={1000}
          value={draft.reason}
          {...invalid('freeze-reason', problems.reason)}
          onChange={(e) => change({ reason: e.target.value }, 'reason')}
        />
      </Field>
      <FormFailure problem={problems.form} failure={failure} title="The freeze window was not added." />
    </FormDialog>
  );
}

function Field(props: Omit<Parameters<typeof FormField>[0], 'className'>) {
  return <FormField {...props} className="freeze-field" />;
}
