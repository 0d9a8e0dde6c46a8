import { flowEdges, layoutFlow } from './flowLayout';

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
