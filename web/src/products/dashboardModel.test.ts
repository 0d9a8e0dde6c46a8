import type { DashboardQuery } from '../gql/graphql';
import { buildDashboard, canPromote, diffLines, openWindows } from './dashboardModel';

const yearEnd = {
  id: 'w1',
  name: 'year-end',
  environments: ['qa', 'prod'],
  reason: 'year-end freeze',
  closesAt: '2027-01-04T08:00:00Z',
};
const env = (name: string, position: number) => ({
  id: name,
  name,
  kind: 'NON_PROD' as const,
  position,
  paused: name === 'qa',
  pauseReason: name === 'qa' ? 'admin: incident 42' : null,
  frozenBy: name === 'dev' ? null : yearEnd,
});
const app = (product: string, environment: string, version: string | null) => ({
  id: `${product}-${environment}`,
  name: `${product}-${environment}`,
  version,
  repoUrl: '/tmp/repo',
  pinned: environment === 'prod',
  pinReason: environment === 'prod' ? 'admin: keep 1.2.0 until the fix' : null,
  environment: { id: environment, name: environment },
});
const release = (id: string, flow: string, steps: Array<[string, string]>) => ({
  id,
  createdAt: '2026-11-27T13:00:00Z',
  status: 'RUNNING' as const,
  promotionFlowName: flow,
  steps: steps.map(([name, status]) => ({
    environment: { id: name, name },
    status: status as never,
    version: null,
  })),
});

const manualOnly = { autoTriggerPaused: false, autoTriggerPauseReason: null, promotionFlows: [] };

const data: DashboardQuery = {
  environments: [env('prod', 3), env('dev', 1), env('qa', 2)],
  products: [
    {
      id: 'p1',
      name: 'demo-trioapp',
      autoTriggerPaused: true,
      autoTriggerPauseReason: 'prod freeze',
      promotionFlows: [
        {
          flow: { id: 'f2', name: 'hotfix' },
          gitTriggerSelectors: [{ key: 'COMMIT_MESSAGE', operator: 'IN', values: ['hotfix*'] }],
        },
        { flow: { id: 'f1', name: 'multi-env-sequential-promotion' }, gitTriggerSelectors: [] },
      ],
      applications: [
        app('demo-trioapp', 'dev', '1.3.0'),
        app('demo-trioapp', 'qa', '1.2.0'),
        app('demo-trioapp', 'prod', '1.2.0'),
      ],
      releases: {
        nodes: [
          release('r2', 'Manual', [['prod', 'RUNNING']]),
          release('r1', 'multi-env-sequential-promotion', [
            ['dev', 'SUCCEEDED'],
            ['qa', 'FAILED'],
            ['prod', 'SKIPPED'],
          ]),
        ],
      },
    },
    { id: 'p0', name: 'billing', ...manualOnly, applications: [app('billing', 'dev', null)], releases: { nodes: [] } },
  ],
};

describe('the products dashboard', () => {
  const dashboard = buildDashboard(data);

  it('orders environments by position and products by name', () => {
    expect(dashboard.environments.map((e) => e.name)).toEqual(['dev', 'qa', 'prod']);
    expect(dashboard.rows.map((r) => r.product)).toEqual(['billing', 'demo-trioapp']);
  });

  it('shows each cell the version and the newest release step in that environment', () => {
    const cells = dashboard.rows[1].cells;
    expect(cells.map((c) => [c.environment, c.application?.version, c.lastStep?.status])).toEqual([
      ['dev', '1.3.0', 'SUCCEEDED'],
      ['qa', '1.2.0', 'FAILED'],
      ['prod', '1.2.0', 'RUNNING'],
    ]);
    expect(cells[2].lastStep?.promotionFlowName).toBe('Manual');
  });

  it("carries each environment's pause and freeze, and each application's pin", () => {
    expect(dashboard.environments.map((e) => [e.name, e.paused, e.pauseReason, e.frozenBy?.name ?? null])).toEqual([
      ['dev', false, null, null],
      ['qa', true, 'admin: incident 42', 'year-end'],
      ['prod', false, null, 'year-end'],
    ]);
    const prod = dashboard.rows[1].cells[2].application;
    expect([prod?.pinned, prod?.pinReason]).toEqual([true, 'admin: keep 1.2.0 until the fix']);
    expect(dashboard.rows[1].cells[1].application?.pinned).toBe(false);
  });

  it('lists each open freeze window once, however many environments it freezes', () => {
    expect(openWindows(dashboard.environments).map((w) => w.name)).toEqual(['year-end']);
    expect(openWindows(dashboard.environments.filter((e) => e.name === 'dev'))).toEqual([]);
  });

  it('leaves a cell empty where the product has no application', () => {
    expect(dashboard.rows[0].cells.map((c) => c.application?.name ?? null)).toEqual(['billing-dev', null, null]);
  });

  it("carries each product's automatic flows in its order, and whether they are paused and why", () => {
    const [billing, trio] = dashboard.rows;
    expect(billing.automation).toEqual({ paused: false, pauseReason: null, flows: [] });
    expect(trio.automation.paused).toBe(true);
    expect(trio.automation.pauseReason).toBe('prod freeze');
    expect(trio.automation.flows.map((f) => f.flow)).toEqual(['hotfix', 'multi-env-sequential-promotion']);
    expect(trio.automation.flows[0].selectors).toEqual([
      { key: 'COMMIT_MESSAGE', operator: 'IN', values: ['hotfix*'] },
    ]);
  });

  it('allows a drop only on another environment of the same product with an application', () => {
    const [dev, qa] = dashboard.rows[1].cells;
    const billingDev = dashboard.rows[0].cells[0];
    const billingQa = dashboard.rows[0].cells[1];
    expect(canPromote(qa, dashboard.rows[1].cells[2])).toBe(true);
    expect(canPromote(qa, qa)).toBe(false);
    expect(canPromote(dev, billingDev)).toBe(false);
    expect(canPromote(billingDev, billingQa)).toBe(false);
  });

  it('reads a unified diff line by line', () => {
    expect(
      diffLines('--- a/values.yaml\n+++ b/values.yaml\n@@ -1,2 +1,2 @@\n image:\n-  tag: 1.2.0\n+  tag: 1.3.0\n').map(
        (l) => l.kind,
      ),
    ).toEqual(['meta', 'meta', 'hunk', 'context', 'remove', 'add']);
  });
});
