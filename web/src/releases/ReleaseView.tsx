import { useCallback, useEffect, useReducer } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { useResumableSubscription } from '../api/useResumableSubscription';
import { ReleaseLineControl } from '../line/ReleaseLineControl';
import type { ReleaseFieldsFragment } from '../gql/graphql';
import { DateTime } from '../ui/DateTime';
import { ErrorMessage } from '../ui/ErrorMessage';
import { shortSha } from '../ui/format';
import { LiveIndicator } from '../ui/LiveIndicator';
import { Loading } from '../ui/Loading';
import { StatusIcon } from '../ui/StatusIcon';
import { useMediaQuery } from '../ui/useMediaQuery';
import { Initiator } from './Initiator';
import { ReleaseActions } from './ReleaseActions';
import { ReleaseGates } from './ReleaseGates';
import { ReleaseGraph } from './ReleaseGraph';
import { ReleaseEventsSubscription, ReleaseQuery } from './queries';
import {
  emptyLive,
  foldEvent,
  stepsInRunOrder,
  withSnapshot,
  type LiveRelease,
  type ReleaseEvent,
} from './releaseState';
import { ReleaseStepCard } from './ReleaseStepCard';
import { ReleaseTimeline } from './ReleaseTimeline';
import { isTerminalRelease, madeByFlow, progressSummary } from './status';
import { useCaller } from './useCaller';

type Action = { type: 'snapshot'; release: ReleaseFieldsFragment } | { type: 'event'; event: ReleaseEvent };

function reduce(state: LiveRelease, action: Action): LiveRelease {
  return action.type === 'snapshot' ? withSnapshot(state, action.release) : foldEvent(state, action.event);
}

function noticeTone(status: string): string {
  if (status === 'FAILED') return ' danger';
  return status === 'SUSPENDED' ? ' attention' : '';
}

/** One release, live: its environments as a graph, updated by the releaseEvents subscription as they move. */
export function ReleaseView() {
  const { id = '' } = useParams();
  return <ReleaseDetails key={id} id={id} />;
}

function ReleaseDetails({ id }: { id: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({
    query: ReleaseQuery,
    variables: { id },
    requestPolicy: 'network-only',
  });
  const [live, dispatch] = useReducer(reduce, emptyLive);
  const narrow = useMediaQuery('(max-width: 760px)');
  const caller = useCaller();

  useEffect(() => {
    if (data?.release) dispatch({ type: 'snapshot', release: data.release });
  }, [data]);

  const reload = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const release = live.release;
  const following = release != null && !isTerminalRelease(release.status);

  const stream = useResumableSubscription({
    query: ReleaseEventsSubscription,
    variables: (after) => ({ releaseId: id, after }),
    select: (d) => d.releaseEvents,
    cursorOf: (event) => event.cursor,
    onEvent: (event) => dispatch({ type: 'event', event }),
    onComplete: reload,
    onReopenWithoutCursor: reload,
    after: live.lastCursor,
    // Subscribed by release, the server replays the release's events from its beginning (so nothing between the
    // first read and the subscription is missed) and ends the stream once the release is terminal. A finished
    // release is subscribed to as well, for its history (Activity); a retry reopens the stream from the last event.
    key: release ? `release:${id}:${following ? 'live' : 'ended'}` : null,
  });

  useEffect(() => {
    if (release) document.title = `${release.product.name} · ${release.promotionFlowName} · Baton`;
    return () => {
      document.title = 'Baton';
    };
  }, [release]);

  if (!release) {
    return (
      <div className="page">
        {error ? (
          <ErrorMessage error={error} onRetry={reload} />
        ) : fetching || !data ? (
          <Loading what="the release" />
        ) : null}
        {data && !data.release && (
          <>
            <ErrorMessage error={`There is no release ${id}. It may have been deleted with its product.`} />
            <Link to="/releases">Back to Releases</Link>
          </>
        )}
      </div>
    );
  }

  const ordered = stepsInRunOrder(release.steps);
  // A flow's release starts with its trigger environment; a manual promotion or a rollback has only its target.
  const triggerName = madeByFlow(release.promotionFlowName)
    ? (ordered.find((s) => s.dependsOn.length === 0)?.environment.name ?? null)
    : null;
  return (
    <div className="page release-view">
      <div className="page-header">
        <div>
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <Link to="/releases">Releases</Link> /
          </nav>
          <h1>
            {release.product.name}{' '}
            <span className="muted">
              {release.promotionFlow ? (
                <Link to={`/flows/${encodeURIComponent(release.promotionFlow.name)}`}>{release.promotionFlowName}</Link>
              ) : (
                release.promotionFlowName
              )}
            </span>
          </h1>
          <p className="release-status" data-release-status={release.status}>
            <StatusIcon status={release.status} withLabel />{' '}
            <span className="muted">{progressSummary(release.steps.map((s) => s.status))}</span>
          </p>
        </div>
        <div className="release-side">
          <LiveIndicator state={following ? stream : 'idle'} />
          <ReleaseActions release={release} onChanged={(r) => dispatch({ type: 'snapshot', release: r })} />
        </div>
      </div>
      {release.message && (
        <p className={`notice${noticeTone(release.status)}`} role="status">
          {release.message}
        </p>
      )}
      <dl className="facts card">
        <div>
          <dt>Version</dt>
          <dd>{release.version ?? <span className="muted">—</span>}</dd>
        </div>
        <div>
          <dt>Source</dt>
          <dd>
            {release.sourceApplication?.name ?? <span className="muted">—</span>}
            {release.sourceCommit && (
              <>
                {' '}
                at <code title={release.sourceCommit}>{shortSha(release.sourceCommit)}</code>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>Initiator</dt>
          <dd>
            <Initiator triggeredBy={release.triggeredBy} />
          </dd>
        </div>
        <div>
          <dt>Created</dt>
          <dd>
            <DateTime value={release.createdAt} />
          </dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>
            <DateTime value={release.startedAt} />
          </dd>
        </div>
        <div>
          <dt>Finished</dt>
          <dd>
            <DateTime value={release.finishedAt} />
          </dd>
        </div>
      </dl>
      <section aria-label="Environments">
        {narrow ? (
          <div className="step-list">
            {ordered.map((step) => (
              <ReleaseStepCard
                key={step.environment.name}
                step={step}
                trigger={step.environment.name === triggerName}
              />
            ))}
          </div>
        ) : (
          <ReleaseGraph steps={ordered} triggerName={triggerName} />
        )}
      </section>
      <ReleaseLineControl
        release={release}
        steps={ordered}
        triggerName={triggerName}
        role={caller?.role ?? null}
        onChanged={(r) => dispatch({ type: 'snapshot', release: r })}
      />
      <ReleaseGates
        release={release}
        steps={ordered}
        role={caller?.role ?? null}
        onAnswered={(r) => dispatch({ type: 'snapshot', release: r })}
      />
      <ReleaseTimeline entries={live.timeline} />
    </div>
  );
}
