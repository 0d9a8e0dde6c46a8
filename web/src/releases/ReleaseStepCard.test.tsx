// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { ReleaseStepCard } from './ReleaseStepCard';
import type { ReleaseStepView } from './releaseState';

const prod = {
  environment: { id: '3', name: 'prod', kind: 'PROD', position: 2 },
  application: {
    id: '9',
    name: 'trioapp-prod',
    repoUrl: 'https://github.com/acme/deploy.git',
    branch: 'main',
    path: 'prod',
  },
  dependsOn: [{ id: '1', name: 'dev' }],
  action: 'PULL_REQUEST',
  status: 'SUSPENDED',
  message: 'waiting for pull request #7',
  commitSha: null,
  version: null,
  attempt: 1,
  startedAt: '2026-12-01T07:00:00Z',
  finishedAt: null,
  gates: [],
  approvals: [],
  pullRequest: { number: 7, url: 'https://github.com/acme/deploy/pull/7', state: 'OPEN' },
} as unknown as ReleaseStepView;

describe('a pull request step in the release view', () => {
  afterEach(cleanup);

  it('links its pull request by number and says where it is', () => {
    render(<ReleaseStepCard step={prod} trigger={false} />);
    const link = screen.getByRole('link', { name: '#7' });
    expect(link.getAttribute('href')).toBe('https://github.com/acme/deploy/pull/7');
    expect(link.closest('dd')?.textContent).toBe('#7 open');
    expect(screen.getByText('waiting for pull request #7')).toBeTruthy();
  });

  it('shows no pull request for a step that has none', () => {
    render(<ReleaseStepCard step={{ ...prod, action: 'COMMIT', pullRequest: null }} trigger={false} />);
    expect(screen.queryByText('Pull request')).toBeNull();
  });
});
