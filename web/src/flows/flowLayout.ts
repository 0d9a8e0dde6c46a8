import dagre from '@dagrejs/dagre';

export interface LayoutNode {
  id: string;
}

export interface LayoutEdge {
  from: string;
  to: string;
}

export interface Position {
  x: number;
  y: number;
}

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  /** Space between ranks (left to right) and between parallel branches (top to bottom). */
  rankGap?: number;
  branchGap?: number;
}

/**
 * Left-to-right layout of a flow: each environment a column after everything it depends on, parallel branches
 * side by side in the same column. Positions are the nodes' top-left corners, as React Flow wants them.
 */
export function layoutFlow(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions,
): Map<string, Position> {
  return layoutWithRoutes(nodes, edges, options).positions;
}

export interface Layout {
  positions: Map<string, Position>;
  /** For each edge (`from->to`), the points between its ends that keep it clear of the nodes it passes. */
  routes: Map<string, Position[]>;
}

export const edgeKey = (edge: LayoutEdge) => `${edge.from}->${edge.to}`;

export function layoutWithRoutes(
  nodes: readonly LayoutNode[],
  edges: readonly LayoutEdge[],
  options: LayoutOptions,
): Layout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({
    rankdir: 'LR',
    ranksep: options.rankGap ?? 90,
    nodesep: options.branchGap ?? 40,
    marginx: 10,
    marginy: 10,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: options.nodeWidth, height: options.nodeHeight });
  const known = new Set(nodes.map((n) => n.id));
  for (const edge of edges) {
    if (known.has(edge.from) && known.has(edge.to)) graph.setEdge(edge.from, edge.to);
  }
  dagre.layout(graph);
  const positions = new Map<string, Position>();
  for (const node of nodes) {
    const placed = graph.node(node.id);
    positions.set(node.id, {
      x: Math.round(placed.x - options.nodeWidth / 2),
      y: Math.round(placed.y - options.nodeHeight / 2),
    });
  }
  const routes = new Map<string, Position[]>();
  for (const edge of edges) {
    const placed = known.has(edge.from) && known.has(edge.to) ? graph.edge(edge.from, edge.to) : undefined;
    if (placed?.points)
      routes.set(
        edgeKey(edge),
        placed.points.slice(1, -1).map((p: Position) => ({ x: Math.round(p.x), y: Math.round(p.y) })),
      );
  }
  return { positions, routes };
}

/**
 * An SVG path from one point to the next through every waypoint, each stretch an S-curve that leaves and arrives
 * horizontally, as edges of a left-to-right chart should.
 */
export function pathThrough(points: readonly Position[]): string {
  if (points.length === 0) return '';
  let d = `M ${points[0].x},${points[0].y}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    const mid = (a.x + b.x) / 2;
    d += ` C ${mid},${a.y} ${mid},${b.y} ${b.x},${b.y}`;
  }
  return d;
}

/** The edges of a flow: one for every dependsOn. */
export function flowEdges(steps: ReadonlyArray<{ environment: string; dependsOn: readonly string[] }>): LayoutEdge[] {
  return steps.flatMap((s) => s.dependsOn.map((d) => ({ from: d, to: s.environment })));
}
