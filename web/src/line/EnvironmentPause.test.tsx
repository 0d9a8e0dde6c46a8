// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { EnvironmentPause } from './EnvironmentPause';
import { fakeBaton, refusal, withBaton, type Answer } from '../testing/fakeBaton';

const running = { name: 'qa', paused: false, pauseReason: null };
const paused = { name: 'qa', paused: true, pauseReason: 'admin: incident 42' };

function renderSwitch(
  role: 'ADMIN' | 'VIEWER',
  environment: typeof running | typeof paused,
  mutations: Record<string, () => Answer> = {},
) {
  const { client, sent } = fakeBaton(role, {}, mutations);
  const onChanged = vi.fn();
  render(withBaton(client, <EnvironmentPause environment={environment} onChanged={onChanged} />));
  return { sent, onChanged };
}

const environment = (p: boolean, reason: string | null) => ({
  data: { pauseEnvironment: { __typename: 'Environment', id: 'e2', paused: p, pauseReason: reason } },
});

describe("an environment's pause switch", () => {
  afterEach(cleanup);

  it('asks an administrator why, pauses with that reason and tells the dashboard', async () => {
    const { sent, onChanged } = renderSwitch('ADMIN', running, {
      PauseEnvironment: () => environment(true, 'admin: incident 42'),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Pause qa…' }));
    fireEvent.change(screen.getByLabelText(/^Why/), { target: { value: ' incident 42 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));

    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(sent).toEqual([{ name: 'PauseEnvironment', variables: { name: 'qa', reason: 'incident 42' } }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('sends nothing without a reason, and says one is needed', () => {
    const { sent } = renderSwitch('ADMIN', running);
    fireEvent.click(screen.getByRole('button', { name: 'Pause qa…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(screen.getByRole('alert').textContent).toMatch(/Say why/);
    expect(sent).toEqual([]);
  });

  it("shows the server's refusal in the dialog", async () => {
    const { onChanged } = renderSwitch('ADMIN', running, {
      PauseEnvironment: () => refusal('environment "qa" does not exist', 'NOT_FOUND'),
    });
    fireEvent.click(screen.getByRole('button', { name: 'Pause qa…' }));
    fireEvent.change(screen.getByLabelText(/^Why/), { target: { value: 'incident' } });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect((await screen.findByRole('alert')).textContent).toBe('qa was not paused. environment "qa" does not exist');
    expect(onChanged).not.toHaveBeenCalled();
    expect(screen.getByRole('dialog')).toBeTruthy();
  });

  it('shows a paused environment and why, and resumes it for an administrator', async () => {
    const { sent, onChanged } = renderSwitch('ADMIN', paused, {
      ResumeEnvironment: () => ({
        data: { resumeEnvironment: { __typename: 'Environment', id: 'e2', paused: false, pauseReason: null } },
      }),
    });
    expect(screen.getByText('Paused')).toBeTruthy();
    expect(screen.getByText('admin: incident 42')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Resume qa' }));
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
    expect(sent).toEqual([{ name: 'ResumeEnvironment', variables: { name: 'qa' } }]);
  });

  it('shows a viewer the pause and its reason, and no switch', () => {
    renderSwitch('VIEWER', paused);
    expect(screen.getByText('admin: incident 42')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows a viewer nothing for an environment that runs', () => {
    renderSwitch('VIEWER', running);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByText('Paused')).toBeNull();
  });
});
