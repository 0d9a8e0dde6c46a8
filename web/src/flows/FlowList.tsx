import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { humanIsoDuration } from '../ui/format';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Loading } from '../ui/Loading';
import { KeptFieldWarnings, type KeptField } from './KeptFieldWarnings';
import { PromotionFlowsQuery } from './queries';
import { TriggerDialog } from './TriggerDialog';

/** The Promotion Flows list: name, trigger environment, environments, version, timeout; Trigger and Add. */
export function FlowList() {
  const navigate = useNavigate();
  const state = useLocation().state as { saved?: string; warnings?: KeptField[] } | null;
  const saved = state?.saved;
  const [{ data, fetching, error }, refetch] = useQuery({ query: PromotionFlowsQuery });
  const [triggering, setTriggering] = useState<{ name: string; trigger: string } | null>(null);
  const flows = data ? [...data.promotionFlows].sort((a, b) => a.name.localeCompare(b.name)) : [];

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Promotion Flows</h1>
          <p className="muted">
            A flow promotes a product from its trigger environment through its target environments, in order.
          </p>
        </div>
        <button type="button" className="primary" onClick={() => navigate('/flows/new')}>
          Add Promotion Flow
        </button>
      </div>
      {saved && (
        <p className="notice success" role="status">
          Saved promotion flow <strong>{saved}</strong>.
        </p>
      )}
      {saved && <KeptFieldWarnings flow={saved} warnings={state?.warnings ?? []} />}
      <ErrorMessage error={error} onRetry={() => refetch({ requestPolicy: 'network-only' })} />
      {!data && fetching && <Loading what="promotion flows" />}
      {data && flows.length === 0 && (
        <EmptyState title="No promotion flows yet" action={<Link to="/flows/new">Add Promotion Flow</Link>}>
          <p>
            Build one with <strong>Add Promotion Flow</strong>: choose a trigger environment such as <code>dev</code>,
            then add the targets it promotes to, such as <code>qa</code> and then <code>prod</code>. Then trigger it for
            a product and watch the release move.
          </p>
        </EmptyState>
      )}
      {flows.length > 0 && (
        <div className="table-scroll">
          <table className="grid stack">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Trigger Environment</th>
                <th scope="col">Environments</th>
                <th scope="col">Version</th>
                <th scope="col">Timeout</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {flows.map((flow) => (
                <tr key={flow.id} data-flow={flow.name}>
                  <th scope="row">
                    <Link to={`/flows/${encodeURIComponent(flow.name)}`}>{flow.name}</Link>
                    {flow.description && <div className="muted small">{flow.description}</div>}
                  </th>
                  <td data-label="Trigger Environment">{flow.triggerEnvironment.name}</td>
                  <td data-label="Environments">
                    <span className="chain">
                      {[flow.triggerEnvironment.name, ...flow.steps.map((s) => s.environment.name)].join(' → ')}
                    </span>
                  </td>
                  <td data-label="Version">{flow.version || <span className="muted">—</span>}</td>
                  <td data-label="Timeout">{humanIsoDuration(flow.timeout)}</td>
                  <td className="actions">
                    <button
                      type="button"
                      onClick={() => setTriggering({ name: flow.name, trigger: flow.triggerEnvironment.name })}
                      aria-label={`Trigger ${flow.name}`}
                    >
                      Trigger
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {triggering && (
        <TriggerDialog
          flow={triggering.name}
          triggerEnvironment={triggering.trigger}
          onClose={() => setTriggering(null)}
        />
      )}
    </div>
  );
}
