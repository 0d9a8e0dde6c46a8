import './line.css';
import { useState } from 'react';
import { useMutation } from 'urql';
import { useCaller } from '../releases/useCaller';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PauseEnvironmentMutation, ResumeEnvironmentMutation } from './queries';
import { ReasonDialog } from './ReasonDialog';

/**
 * An environment's pause switch, in the dashboard's header: whether it is paused and why, for everyone; Pause
 * (asking why) and Resume for administrators only.
 */
export function EnvironmentPause({
  environment,
  onChanged,
}: {
  environment: { name: string; paused: boolean; pauseReason: string | null };
  onChanged: () => void;
}) {
  const { name, paused, pauseReason } = environment;
  const isAdmin = useCaller()?.role === 'ADMIN';
  const [asking, setAsking] = useState(false);
  const [pausing, pause] = useMutation(PauseEnvironmentMutation);
  const [resuming, resume] = useMutation(ResumeEnvironmentMutation);

  async function doPause(reason: string) {
    const result = await pause({ name, reason });
    if (!result.data) return;
    setAsking(false);
    onChanged();
  }

  async function doResume() {
    const result = await resume({ name });
    if (result.data) onChanged();
  }

  return (
    <div className="environment-pause" data-paused-environment={paused ? name : undefined}>
      {paused && (
        <p className="pause-state">
          <span className="badge paused">Paused</span> <span className="pause-reason">{pauseReason}</span>
        </p>
      )}
      {isAdmin &&
        (paused ? (
          <button
            type="button"
            className="link-button small"
            onClick={doResume}
            disabled={resuming.fetching}
            aria-label={`Resume ${name}`}
          >
            {resuming.fetching ? 'Resuming…' : 'Resume'}
          </button>
        ) : (
          <button
            type="button"
            className="link-button small"
            onClick={() => setAsking(true)}
            aria-label={`Pause ${name}…`}
          >
            Pause…
          </button>
        ))}
      <ErrorMessage error={resuming.error} title={`${name} was not resumed.`} />
      {asking && (
        <ReasonDialog
          title={`Pause ${name}?`}
          label="Why (shown on the dashboard and on every step it holds)"
          confirm={{ idle: 'Pause', busy: 'Pausing…' }}
          busy={pausing.fetching}
          error={pausing.error}
          failure={`${name} was not paused.`}
          onConfirm={doPause}
          onClose={() => setAsking(false)}
        >
          <p>
            While {name} is paused, every step into it, of every product, waits before its commit until it is resumed.
            Steps already past their commit finish.
          </p>
        </ReasonDialog>
      )}
    </div>
  );
}
