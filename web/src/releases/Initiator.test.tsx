// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { describeInitiator } from './triggeredBy';
import { Initiator } from './Initiator';

const SHA = '3f7a9c1d2e4b5a6978800112233445566778899a';

describe("a release's initiator", () => {
  afterEach(cleanup);

  it('reads an automatic release as automatic, with the short commit that started it', () => {
    expect(describeInitiator(`auto:${SHA}`)).toBe('automatic, commit 3f7a9c1');
  });

  it("keeps a person's token name as it is, and has nothing to say without one", () => {
    expect(describeInitiator('admin')).toBe('admin');
    expect(describeInitiator('autopilot')).toBe('autopilot');
    expect(describeInitiator(null)).toBeNull();
  });

  it('shows the whole commit when pointed at', () => {
    render(<Initiator triggeredBy={`auto:${SHA}`} />);
    const initiator = screen.getByText('automatic, commit 3f7a9c1');
    expect(initiator.getAttribute('title')).toBe(`Started by commit ${SHA}`);
  });

  it('shows a dash for a release nobody is named for', () => {
    const { container } = render(<Initiator triggeredBy={null} />);
    expect(container.textContent).toBe('—');
  });
});
