// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describeSelector, type AutomaticFlow } from './autoTrigger';
import { AutomaticFlows } from './AutomaticFlows';

describe("a product's automatic flows", () => {
  afterEach(cleanup);

  it.each([
    [
      { key: 'COMMIT_MESSAGE', operator: 'IN', values: ['hotfix*', 'release-*'] },
      'commit message in hotfix*, release-*',
    ],
    [{ key: 'GIT_REVISION', operator: 'NOT_IN', values: ['abc123*'] }, 'revision not in abc123*'],
    [{ key: 'COMMIT_MESSAGE', operator: 'NOT_IN', values: ['*[skip ci]*'] }, 'commit message not in *[skip ci]*'],
    [{ key: 'GIT_REVISION', operator: 'IN', values: ['3f7a*'] }, 'revision in 3f7a*'],
  ] as const)('reads the selector %j as "%s"', (selector, text) => {
    expect(describeSelector(selector)).toBe(text);
  });

  it('lists the flows in the order the product gives them, each with its selectors', () => {
    const flows: AutomaticFlow[] = [
      {
        flow: 'hotfix-promotion',
        selectors: [
          { key: 'COMMIT_MESSAGE', operator: 'IN', values: ['hotfix*', 'release-*'] },
          { key: 'GIT_REVISION', operator: 'NOT_IN', values: ['abc123*'] },
        ],
      },
      { flow: 'multi-env-sequential-promotion', selectors: [] },
    ];
    render(
      <MemoryRouter>
        <AutomaticFlows product="demo-trioapp" flows={flows} />
      </MemoryRouter>,
    );
    expect(screen.getByText('Automatic flows (2)')).toBeTruthy();
    const items = within(screen.getByRole('list', { name: 'Automatic flows of demo-trioapp' }))
      .getAllByRole('listitem')
      .filter((li) => li.parentElement?.tagName === 'OL');
    expect(items.map((li) => li.querySelector('a')?.textContent)).toEqual([
      'hotfix-promotion',
      'multi-env-sequential-promotion',
    ]);
    expect([...items[0].querySelectorAll('.selectors li')].map((li) => li.textContent)).toEqual([
      'commit message in hotfix*, release-*',
      'revision not in abc123*',
    ]);
    expect(items[1].querySelector('.selectors')?.textContent).toBe('every commit that changes the application');
    expect(items[0].querySelector('a')?.getAttribute('href')).toBe('/flows/hotfix-promotion');
  });

  it('says releases start only by hand when the product has no automatic flow', () => {
    render(
      <MemoryRouter>
        <AutomaticFlows product="billing" flows={[]} />
      </MemoryRouter>,
    );
    expect(screen.getByText('Automatic flows (none)')).toBeTruthy();
    expect(screen.getByText('none: releases start only by hand')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });
});
