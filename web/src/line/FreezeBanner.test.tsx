// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { FreezeBanner } from './FreezeBanner';

const yearEnd = {
  __typename: 'FreezeWindow' as const,
  id: 'w1',
  name: 'year-end',
  environments: ['qa', 'prod'],
  reason: 'No releases over the holidays.',
  closesAt: '2027-01-04T08:00:00Z',
};

describe('the freeze banner', () => {
  afterEach(cleanup);

  it('names each open window, its environments, its reason and when it ends', () => {
    render(<FreezeBanner windows={[yearEnd]} />);
    const banner = screen.getByRole('region', { name: 'Freeze windows open now' });
    expect(banner.textContent).toMatch(
      /^Frozen: year-end on qa, prod until .+: No releases over the holidays\. \(steps/,
    );
    expect(banner.querySelector('time')?.getAttribute('dateTime')).toBe('2027-01-04T08:00:00Z');
  });

  it('shows nothing while no window is open', () => {
    const { container } = render(<FreezeBanner windows={[]} />);
    expect(container.textContent).toBe('');
  });
});
