import { Clock } from '../ui/DateTime';
import { ProdTag } from '../ui/ProdTag';
import { elapsed, shortSha } from '../ui/format';
import { StatusIcon } from '../ui/StatusIcon';
import { commitUrl } from './commitLink';
import { GateStatus } from './GateStatus';
import { gateKindLabel, gateStatusLabel } from './gates';
import type { ReleaseStepView } from './releaseState';

/** One environment of a release: status, times, message, commit and version, and its gates as chips. */
export function ReleaseStepCard({ step, trigger }: { step: ReleaseStepView; trigger: boolean }) {
  const link = commitUrl(step.application?.repoUrl, step.commitSha);
  const name = step.environment.name;
  return (
    <article
      className={`step-card tone-${step.status.toLowerCase()}`}
      data-step={name}
      data-status={step.status}
      aria-label={`${name}: ${step.status.toLowerCase()}`}
    >
      <header className="step-head">
        <h3>
          {name} <ProdTag name={name} kind={step.environment.kind} />
          {trigger && <span className="step-role">Trigger</span>}
        </h3>
        <StatusIcon status={step.status} withLabel />
      </header>
      <dl className="step-facts">
        <div>
          <dt>Version</dt>
          <dd>{step.version ?? <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>Commit</dt>
          <dd>
            {step.commitSha ? (
              link ? (
                <a href={link} target="_blank" rel="noreferrer" title={step.commitSha}>
                  <code>{shortSha(step.commitSha)}</code>
                </a>
              ) : (
                <code title={step.commitSha}>{shortSha(step.commitSha)}</code>
              )
            ) : (
              <span className="muted">{step.action === 'NONE' ? 'no Git change' : '—'}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <Clock value={step.startedAt} />
          </dd>
        </div>
        <div>
          <dt>{step.finishedAt ? 'Finished' : 'Took'}</dt>
          <dd>
            {step.finishedAt ? (
              <>
                <Clock value={step.finishedAt} />{' '}
                <span className="muted">({elapsed(step.startedAt, step.finishedAt)})</span>
              </>
            ) : (
              <span className="muted">—</span>
            )}
          </dd>
        </div>
        {step.pullRequest && (
          <div>
            <dt>Pull request</dt>
            <dd data-pull-request={step.pullRequest.state}>
              <a href={step.pullRequest.url} target="_blank" rel="noreferrer">
                #{step.pullRequest.number}
              </a>{' '}
              <span className="muted">{step.pullRequest.state.toLowerCase()}</span>
            </dd>
          </div>
        )}
        {step.attempt > 1 && (
          <div>
            <dt>Attempt</dt>
            <dd>{step.attempt}</dd>
          </div>
        )}
      </dl>
      {step.gates.length > 0 && (
        <ul className="step-gates" aria-label={`Gates of ${name}`}>
          {step.gates.map((gate, i) => (
            <li
              key={i}
              className="gate-chip"
              data-gate={gate.kind}
              title={`${gateKindLabel(gate.kind)}: ${gateStatusLabel(gate.status)}${gate.message ? ` — ${gate.message}` : ''}`}
            >
              <GateStatus status={gate.status} /> {gateKindLabel(gate.kind)}
            </li>
          ))}
        </ul>
      )}
      {step.message && <p className="step-message">{step.message}</p>}
    </article>
  );
}
