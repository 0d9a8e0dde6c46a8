// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { fakeBaton, withBaton, type Answer } from '../testing/fakeBaton';
import { PinControl } from './PinControl';

interface Application {
  name: string;
  version: string | null;
  pinned: boolean;
  pinReason: string | null;
}

const free: Application = { name: 'demo-trioapp-prod', version: '1.2.0', pinned: false, pinReason: null };
const pinned = { ...free, pinned: true, pinReason: 'admin: keep 1.2.0 until the fix' };

function renderPin(role: 'ADMIN' | 'PROMOTER', application: Application, mutations: Record<string, () => Answer> = {}) {
  const { client, sent } = fakeBaton(role, {}, mutations);
  const onChanged = vi.fn();
  render(
    withBaton(
      client,
      <PinControl product="demo-trioapp" environment="prod" application={application} onChanged={onChanged} />,
    ),
  );
  return { sent, onChanged };
}

const application = (p: boolean, reason: string | null) => ({
  __typename: 'Application',
  id: 'a3',
  pinned: p,
  pinReason: reason,
});

describe("a dashboard cell's pin", () => {
  afterEach(cleanup);

  it('asks an administrator why, and pins the application with that reason', async () => {
    const { sent, onChanged } = renderPin('ADMIN', free, {
      PinApplication: () => ({ data: { pinApplication: application(true, 'admin: hotfix pending') } }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Pin demo-trioapp in prod…' }));
    expect(screen.getByRole('dialog').textContent).toContain('stays at version 1.2.0');
    fireEvent.change(screen.getByLabelText(/^Why/), { target: { value: 'hotfix pending' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pin' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(sent).toEqual([
      { name: 'PinApplication', variables: { name: 'demo-trioapp-prod', reason: 'hotfix pending' } },
    ]);
  });

  it('shows the pin with its reason, and unpins it for an administrator', async () => {
    const { sent, onChanged } = renderPin('ADMIN', pinned, {
      UnpinApplication: () => ({ data: { unpinApplication: application(false, null) } }),
    });
    expect(screen.getByLabelText('demo-trioapp in prod is pinned').textContent).toContain('Pinned');
    expect(screen.getByText('admin: keep 1.2.0 until the fix')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Unpin demo-trioapp in prod' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(sent).toEqual([{ name: 'UnpinApplication', variables: { name: 'demo-trioapp-prod' } }]);
  });

  it('shows a promoter the pin and its reason, and no Pin or Unpin', () => {
    renderPin('PROMOTER', pinned);
    expect(screen.getByText('admin: keep 1.2.0 until the fix')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers a promoter nothing on an application that is not pinned', () => {
    renderPin('PROMOTER', free);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
