import './line.css';
import { useState } from 'react';
import { useMutation, useQuery } from 'urql';
import type { ReleaseFieldsFragment, Role } from '../gql/graphql';
import { OverrideFreezeMutation } from '../releases/queries';
import type { ReleaseStepView } from '../releases/releaseState';
import { ProdTag } from '../ui/ProdTag';
import { LineStateQuery } from './queries';
import { ReasonDialog } from './ReasonDialog';
import { isHeld, rollbackSteps } from './releaseLine';
import { RollbackDialog, type RollbackTarget } from './RollbackDialog';
import { mayRollBack } from './roles';

/**
 * Line control in the release view: each held step with what holds it (a window, a pause, a pin) and, for an
 * administrator, Override freeze where a window holds it; and "Roll back to this" for each environment this
 * release committed into.
 */
export function ReleaseLineControl({
  release,
  steps,
  triggerName,
  role,
  onChanged,
}: {
  release: Pick<ReleaseFieldsFragment, 'id' | 'product'>;
  steps: readonly ReleaseStepView[];
  triggerName: string | null;
  role: Role | null;
  onChanged: (release: ReleaseFieldsFragment) => void;
}) {
  const held = steps.filter(isHeld);
  const committed = mayRollBack(role) ? rollbackSteps(steps, triggerName) : [];
  const [rollingBack, setRollingBack] = useState<RollbackTarget | null>(null);
  if (held.length === 0 && committed.length === 0) return null;
  return (
    <section className="card line-control" aria-labelledby="line-control-title">
      <h2 id="line-control-title">{held.length > 0 ? 'Held steps' : 'Rollback'}</h2>
      {held.length > 0 && (
        <HeldSteps releaseId={release.id} steps={held} isAdmin={role === 'ADMIN'} onChanged={onChanged} />
      )}
      {committed.length > 0 && (
        <>
          {held.length > 0 && <h3>Rollback</h3>}
          <p className="muted">Put an environment back to what this release left in it, with the diff shown first.</p>
          <div className="release-actions">
            {committed.map((step) => (
              <button
                key={step.environment.name}
                type="button"
                onClick={() =>
                  setRollingBack({
                    product: release.product.name,
                    environment: step.environment.name,
                    toRelease: release.id,
                    version: step.version ?? null,
                  })
                }
                aria-label={`Roll back ${step.environment.name} to this`}
              >
                Roll back {step.environment.name} to this
              </button>
            ))}
          </div>
        </>
      )}
      {rollingBack && <RollbackDialog target={rollingBack} onClose={() => setRollingBack(null)} />}
    </section>
  );
}

function HeldSteps({
  releaseId,
  steps,
  isAdmin,
  onChanged,
}: {
  releaseId: string;
  steps: readonly ReleaseStepView[];
  isAdmin: boolean;
  onChanged: (release: ReleaseFieldsFragment) => void;
}) {
  // Whether a window freezes the step's environment now is a fact the server gives; the message is for people.
  const [line] = useQuery({ query: LineStateQuery, pause: !isAdmin, requestPolicy: 'cache-and-network' });
  const frozen = new Map((line.data?.environments ?? []).map((e) => [e.name, e.frozenBy ?? null]));
  const [overriding, setOverriding] = useState<string | null>(null);
  const [override, sendOverride] = useMutation(OverrideFreezeMutation);

  async function doOverride(environment: string, reason: string) {
    const result = await sendOverride({ input: { releaseId, environment, reason } });
    if (!result.data) return;
    setOverriding(null);
    onChanged(result.data.overrideFreeze);
  }

  return (
    <ul className="held-steps" aria-label="Steps held by line control">
      {steps.map((step) => {
        const name = step.environment.name;
        const window = frozen.get(name);
        return (
          <li key={name} className="notice attention held-step" data-held-step={name}>
            <p>
              <strong>
                {name} <ProdTag name={name} kind={step.environment.kind} /> is held:
              </strong>{' '}
              {step.message}
            </p>
            {isAdmin && window && (
              <button type="button" onClick={() => setOverriding(name)} aria-label={`Override freeze for ${name}…`}>
                Override freeze…
              </button>
            )}
            {overriding === name && window && (
              <ReasonDialog
                title={`Let this release into ${name} through ${window.name}?`}
                label="Why it may go through the freeze (recorded on the step and in the audit log)"
                confirm={{ idle: 'Override freeze', busy: 'Overriding…' }}
                busy={override.fetching}
                error={override.error}
                failure="The freeze was not overridden."
                onConfirm={(reason) => doOverride(name, reason)}
                onClose={() => setOverriding(null)}
              >
                <p>
                  Window <strong>{window.name}</strong> freezes {window.environments.join(', ')}: {window.reason}. This
                  release&apos;s {name} step goes on at once; a pause or a pin still holds it.
                </p>
              </ReasonDialog>
            )}
          </li>
        );
      })}
    </ul>
  );
}
