import type { DashboardQuery, FreezeWindowSummaryFragment } from '../gql/graphql';
import { automationOf, type Automation } from './autoTrigger';

export interface CellStep {
  releaseId: string;
  status: string;
  promotionFlowName: string;
}

/** One product in one environment: the application's version and the status of its newest release step. */
export interface Cell {
  product: string;
  environment: string;
  application: { name: string; version: string | null; pinned: boolean; pinReason: string | null } | null;
  lastStep: CellStep | null;
}

export interface DashboardRow {
  product: string;
  cells: Cell[];
  automation: Automation;
}

/** An environment as the dashboard's header shows it: paused or not (and why), and the window freezing it. */
export interface DashboardEnvironment {
  name: string;
  kind: string;
  paused: boolean;
  pauseReason: string | null;
  frozenBy: FreezeWindowSummaryFragment | null;
}

export interface Dashboard {
  environments: DashboardEnvironment[];
  rows: DashboardRow[];
}

export function buildDashboard(data: DashboardQuery): Dashboard {
  const environments = [...data.environments].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
  const rows = [...data.products]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((product) => ({
      product: product.name,
      automation: automationOf(product),
      cells: environments.map((env): Cell => {
        const app = product.applications.find((a) => a.environment.name === env.name);
        return {
          product: product.name,
          environment: env.name,
          application: app
            ? { name: app.name, version: app.version ?? null, pinned: app.pinned, pinReason: app.pinReason ?? null }
            : null,
          lastStep: lastStepIn(product.releases.nodes, env.name),
        };
      }),
    }));
  return {
    environments: environments.map((e) => ({
      name: e.name,
      kind: e.kind,
      paused: e.paused,
      pauseReason: e.pauseReason ?? null,
      frozenBy: e.frozenBy ?? null,
    })),
    rows,
  };
}

type ReleaseNode = DashboardQuery['products'][number]['releases']['nodes'][number];

/** Releases come newest first; the first one with a step in the environment holds its latest status. */
function lastStepIn(releases: readonly ReleaseNode[], environment: string): CellStep | null {
  for (const release of releases) {
    const step = release.steps.find((s) => s.environment.name === environment);
    if (step) return { releaseId: release.id, status: step.status, promotionFlowName: release.promotionFlowName };
  }
  return null;
}

export function cellId(cell: Pick<Cell, 'product' | 'environment'>): string {
  return `${cell.product}/${cell.environment}`;
}

/** A version can be dropped on another environment of the same product that has an application. */
export function canPromote(source: Cell | null | undefined, target: Cell | null | undefined): boolean {
  return (
    !!source &&
    !!target &&
    source.product === target.product &&
    source.environment !== target.environment &&
    !!source.application &&
    !!target.application
  );
}

/** Splits a unified diff into lines with what each one does, for colouring. */
export function diffLines(diff: string): Array<{ kind: 'add' | 'remove' | 'hunk' | 'meta' | 'context'; text: string }> {
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((text) => {
      if (text.startsWith('+++') || text.startsWith('---') || text.startsWith('diff ') || text.startsWith('index '))
        return { kind: 'meta' as const, text };
      if (text.startsWith('@@')) return { kind: 'hunk' as const, text };
      if (text.startsWith('+')) return { kind: 'add' as const, text };
      if (text.startsWith('-')) return { kind: 'remove' as const, text };
      return { kind: 'context' as const, text };
    });
}

/** The freeze windows open now, each once, in the order of the first environment each freezes. */
export function openWindows(environments: readonly DashboardEnvironment[]): FreezeWindowSummaryFragment[] {
  const seen = new Map<string, FreezeWindowSummaryFragment>();
  for (const env of environments)
    if (env.frozenBy && !seen.has(env.frozenBy.id)) seen.set(env.frozenBy.id, env.frozenBy);
  return [...seen.values()];
}
