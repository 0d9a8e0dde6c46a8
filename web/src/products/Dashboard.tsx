import { DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { useLiveRefresh } from '../api/useLiveRefresh';
import { EnvironmentPause } from '../line/EnvironmentPause';
import { FreezeBanner } from '../line/FreezeBanner';
import { EmptyState } from '../ui/EmptyState';
import { ErrorMessage } from '../ui/ErrorMessage';
import { LiveIndicator } from '../ui/LiveIndicator';
import { Loading } from '../ui/Loading';
import { ProdTag } from '../ui/ProdTag';
import { AutomaticFlows } from './AutomaticFlows';
import { AutoTriggerPause } from './AutoTriggerPause';
import { buildDashboard, canPromote, cellId, openWindows, type Cell } from './dashboardModel';
import { PromoteDialog } from './PromoteDialog';
import { DashboardQuery } from './queries';
import { VersionCell } from './VersionCell';

/** Products by environments; drag a version onto another environment to promote it there. */
export function Dashboard() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: DashboardQuery });
  const refresh = useCallback(() => refetch({ requestPolicy: 'network-only' }), [refetch]);
  const live = useLiveRefresh(refresh);
  const dashboard = useMemo(() => (data ? buildDashboard(data) : null), [data]);
  const cells = useMemo(
    () => new Map(dashboard?.rows.flatMap((r) => r.cells.map((c) => [cellId(c), c] as const)) ?? []),
    [dashboard],
  );
  const [promotion, setPromotion] = useState<{ source: Cell; target: Cell | null } | null>(null);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    useSensor(KeyboardSensor),
  );

  function onDragEnd({ active, over }: DragEndEvent) {
    const source = cells.get(String(active.id));
    const target = over ? cells.get(String(over.id)) : undefined;
    if (source && target && canPromote(source, target)) setPromotion({ source, target });
  }

  return (
    <div className="page">
      <div className="page-header">
        <div>
          <h1>Products</h1>
          <p className="muted">
            Each cell is a product's application in one environment: its version and the status of its last release
            step. Drag a version onto another environment to promote it there.
          </p>
        </div>
        <LiveIndicator state={live} />
      </div>
      {dashboard && <FreezeBanner windows={openWindows(dashboard.environments)} />}
      {error && <ErrorMessage error={error} onRetry={refresh} />}
      {!data && fetching && <Loading what="products" />}
      {dashboard && dashboard.environments.length === 0 && (
        <EmptyState title="No environments yet">
          <p>
            Baton promotes a product from one environment to the next (for example dev, qa, prod). An administrator
            creates environments, products and their applications with the API (try <a href="/graphiql">GraphiQL</a>
            ), or start Baton with <code>--demo</code> for a ready-made world to explore.
          </p>
        </EmptyState>
      )}
      {dashboard && dashboard.environments.length > 0 && dashboard.rows.length === 0 && (
        <EmptyState title="No products yet">
          <p>
            A product is one deployable thing with an application in each environment. An administrator creates it with{' '}
            <code>createProduct</code> and its applications with <code>createApplication</code> in{' '}
            <a href="/graphiql">GraphiQL</a>; then it shows up here.
          </p>
        </EmptyState>
      )}
      {dashboard && dashboard.rows.length > 0 && (
        <DndContext sensors={sensors} onDragEnd={onDragEnd}>
          <div className="table-scroll">
            <table className="grid dashboard">
              <caption className="sr-only">Products by environment</caption>
              <thead>
                <tr>
                  <th scope="col">Product</th>
                  {dashboard.environments.map((env) => (
                    <th scope="col" key={env.name} data-environment={env.name}>
                      {env.name} <ProdTag name={env.name} kind={env.kind} />
                      <EnvironmentPause environment={env} onChanged={refresh} />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {dashboard.rows.map((row) => (
                  <tr key={row.product}>
                    <th scope="row">
                      <Link
                        to={`/releases?product=${encodeURIComponent(row.product)}`}
                        title={`Releases of ${row.product}`}
                      >
                        {row.product}
                      </Link>
                      <AutoTriggerPause product={row.product} automation={row.automation} onChanged={refresh} />
                      <AutomaticFlows product={row.product} flows={row.automation.flows} />
                    </th>
                    {row.cells.map((cell) => (
                      <VersionCell
                        key={cell.environment}
                        cell={cell}
                        onPromote={(source) => setPromotion({ source, target: null })}
                        onChanged={refresh}
                      />
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </DndContext>
      )}
      {promotion && dashboard && (
        <PromoteDialog
          source={promotion.source}
          target={promotion.target}
          candidates={
            dashboard.rows
              .find((r) => r.product === promotion.source.product)
              ?.cells.filter((c) => canPromote(promotion.source, c)) ?? []
          }
          onClose={() => setPromotion(null)}
          onPromoted={refresh}
        />
      )}
    </div>
  );
}
