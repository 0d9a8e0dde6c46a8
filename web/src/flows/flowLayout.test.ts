import { flowEdges, layoutFlow, layoutWithRoutes, pathThrough } from './flowLayout';

const size = { nodeWidth: 200, nodeHeight: 80 };

describe('flow layout', () => {
  it('lays a sequence out left to right on one row', () => {
    const steps = [
      { environment: 'qa', dependsOn: ['dev'] },
      { environment: 'prod', dependsOn: ['qa'] },
    ];
    const at = layoutFlow([{ id: 'dev' }, { id: 'qa' }, { id: 'prod' }], flowEdges(steps), size);
    expect(at.get('dev')!.x).toBeLessThan(at.get('qa')!.x);
    expect(at.get('qa')!.x).toBeLessThan(at.get('prod')!.x);
    expect(new Set([at.get('dev')!.y, at.get('qa')!.y, at.get('prod')!.y]).size).toBe(1);
  });

  it('puts parallel branches side by side in one column, without overlapping, and the join after both', () => {
    const steps = [
      { environment: 'qa', dependsOn: ['dev'] },
      { environment: 'staging', dependsOn: ['dev'] },
      { environment: 'prod', dependsOn: ['qa', 'staging'] },
    ];
    const at = layoutFlow([{ id: 'dev' }, { id: 'qa' }, { id: 'staging' }, { id: 'prod' }], flowEdges(steps), size);
    const qa = at.get('qa')!;
    const staging = at.get('staging')!;
    expect(qa.x).toBe(staging.x);
    expect(Math.abs(qa.y - staging.y)).toBeGreaterThanOrEqual(size.nodeHeight);
    expect(at.get('prod')!.x).toBeGreaterThan(qa.x + size.nodeWidth);
  });

  it('draws one edge for every dependsOn', () => {
    expect(flowEdges([{ environment: 'prod', dependsOn: ['qa', 'staging'] }])).toEqual([
      { from: 'qa', to: 'prod' },
      { from: 'staging', to: 'prod' },
    ]);
  });

  it('ignores edges to nodes it was not given', () => {
    const at = layoutFlow([{ id: 'dev' }], [{ from: 'dev', to: 'ghost' }], size);
    expect([...at.keys()]).toEqual(['dev']);
  });
});

describe('edge routes', () => {
  it('takes an edge that skips a column around the node in it', () => {
    const size2 = { nodeWidth: 210, nodeHeight: 118, branchGap: 60 };
    const edges = flowEdges([
      { environment: 'qa', dependsOn: ['dev'] },
      { environment: 'prod', dependsOn: ['dev', 'qa'] },
    ]);
    const { positions, routes } = layoutWithRoutes([{ id: 'dev' }, { id: 'qa' }, { id: 'prod' }], edges, size2);
    const qa = positions.get('qa')!;
    const around = routes.get('dev->prod')!;
    const inQaColumn = around.filter((p) => p.x >= qa.x && p.x <= qa.x + size2.nodeWidth);
    expect(inQaColumn.length).toBeGreaterThan(0);
    for (const p of inQaColumn) expect(p.y < qa.y || p.y > qa.y + size2.nodeHeight).toBe(true);
  });

  it('draws S-curves through the waypoints', () => {
    expect(
      pathThrough([
        { x: 0, y: 0 },
        { x: 10, y: 20 },
      ]),
    ).toBe('M 0,0 C 5,0 5,20 10,20');
    expect(pathThrough([])).toBe('');
  });
});
