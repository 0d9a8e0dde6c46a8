import type { ReleaseFieldsFragment, Role } from '../gql/graphql';
import { DateTime } from '../ui/DateTime';
import { ProdTag } from '../ui/ProdTag';
import { StatusIcon } from '../ui/StatusIcon';
import { ApprovalControl } from './ApprovalControl';
import { GateStatus } from './GateStatus';
import { approvalSentence, gateKindLabel, gateWhenLabel, mayAnswer, stepsWithGates } from './gates';
import type { ReleaseStepView } from './releaseState';

/**
 * Each step's gates as they move (kind, when, status, what the last check found), the answers people gave, and
 * Approve / Reject where the step waits for a person and the signed-in token may answer.
 */
export function ReleaseGates({
  release,
  steps,
  role,
  onAnswered,
}: {
  release: Pick<ReleaseFieldsFragment, 'id'>;
  steps: readonly ReleaseStepView[];
  role: Role | null;
  onAnswered: (release: ReleaseFieldsFragment) => void;
}) {
  const gated = stepsWithGates(steps);
  if (gated.length === 0) return null;
  return (
    <section className="gates card" aria-labelledby="gates-title">
      <h2 id="gates-title">Gates and approvals</h2>
      {gated.map((step) => {
        const name = step.environment.name;
        return (
          <div key={name} className="gate-step" data-gates-of={name}>
            <h3>
              {name} <ProdTag name={name} kind={step.environment.kind} />
              <StatusIcon status={step.status} withLabel />
            </h3>
            {step.gates.length > 0 && (
              <table className="gate-table">
                <thead>
                  <tr>
                    <th scope="col">Gate</th>
                    <th scope="col">Runs</th>
                    <th scope="col">Status</th>
                    <th scope="col">What it found</th>
                  </tr>
                </thead>
                <tbody>
                  {step.gates.map((gate, i) => (
                    <tr key={i} data-gate={gate.kind} data-gate-status={gate.status}>
                      <td>{gateKindLabel(gate.kind)}</td>
                      <td>{gateWhenLabel(gate.when)}</td>
                      <td>
                        <GateStatus status={gate.status} withLabel />
                      </td>
                      <td className="gate-message">{gate.message ?? <span className="muted">—</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            {step.approvals.length > 0 && (
              <ul className="approvals" aria-label={`Answers for ${name}`}>
                {step.approvals.map((a) => (
                  <li
                    key={`${a.by}-${a.at}`}
                    data-approval-by={a.by}
                    data-approved={a.approved}
                    title={approvalSentence(a)}
                  >
                    <span className={a.approved ? 'approval-yes' : 'approval-no'}>
                      {a.approved ? '✓ Approved' : '✕ Rejected'}
                    </span>{' '}
                    by <strong>{a.by}</strong> <DateTime value={a.at} />
                    {a.comment && <q className="approval-comment">{a.comment}</q>}
                  </li>
                ))}
              </ul>
            )}
            {mayAnswer(role, step) && (
              <ApprovalControl
                key={`${release.id}:${name}:${step.attempt}`}
                releaseId={release.id}
                environment={name}
                onAnswered={onAnswered}
              />
            )}
          </div>
        );
      })}
    </section>
  );
}
