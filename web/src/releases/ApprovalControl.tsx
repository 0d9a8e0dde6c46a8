import { useId, useState } from 'react';
import { useMutation } from 'urql';
import type { ReleaseFieldsFragment } from '../gql/graphql';
import { answerError } from './gates';
import { ApproveStepMutation, RejectStepMutation } from './queries';

/**
 * Approve or reject a step that waits for a person, with a comment. The server decides who may (not the initiator
 * where the rule says so, each person once); its refusal is shown here, in its words.
 */
export function ApprovalControl({
  releaseId,
  environment,
  onAnswered,
}: {
  releaseId: string;
  environment: string;
  onAnswered: (release: ReleaseFieldsFragment) => void;
}) {
  const [comment, setComment] = useState('');
  const [approved, approve] = useMutation(ApproveStepMutation);
  const [rejected, reject] = useMutation(RejectStepMutation);
  const [last, setLast] = useState<'approve' | 'reject' | null>(null);
  const fieldId = useId();
  const busy = approved.fetching || rejected.fetching;
  const error = last === 'approve' ? approved.error : last === 'reject' ? rejected.error : null;

  async function answer(kind: 'approve' | 'reject') {
    setLast(kind);
    const input = { releaseId, environment, comment: comment.trim() || null };
    const result = kind === 'approve' ? await approve({ input }) : await reject({ input });
    const release = result.data && ('approveStep' in result.data ? result.data.approveStep : result.data.rejectStep);
    if (release) {
      setComment('');
      onAnswered(release);
    }
  }

  return (
    <form
      className="approval-control"
      aria-label={`Answer ${environment}'s approval`}
      onSubmit={(e) => e.preventDefault()}
    >
      <label htmlFor={fieldId}>Comment for {environment}</label>
      <textarea
        id={fieldId}
        value={comment}
        maxLength={1000}
        placeholder="Why you approve or reject (shown on the step and in the audit log)"
        onChange={(e) => setComment(e.target.value)}
      />
      <div className="approval-buttons">
        <button type="button" className="primary" disabled={busy} onClick={() => answer('approve')}>
          {approved.fetching ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => answer('reject')}>
          {rejected.fetching ? 'Rejecting…' : 'Reject'}
        </button>
      </div>
      {error && (
        <div className="error-box" role="alert">
          <strong>{last === 'approve' ? 'Not approved.' : 'Not rejected.'} </strong>
          <span>{answerError(error)}</span>
        </div>
      )}
    </form>
  );
}
