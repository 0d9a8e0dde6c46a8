// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { fakeBaton, refusal, withBaton, type Answer, type Variables } from '../testing/fakeBaton';
import { FreezeWindowSettings } from './FreezeWindowSettings';

const window = (fields: object) => ({
  __typename: 'FreezeWindow',
  start: null,
  end: null,
  cron: null,
  duration: null,
  timeZone: 'UTC',
  closesAt: null,
  nextStart: null,
  active: false,
  ...fields,
});

const windows = [
  window({
    id: '1',
    name: 'friday',
    environments: ['prod'],
    cron: '0 15 * * FRI',
    duration: 'PT66H',
    timeZone: 'Europe/Berlin',
    reason: 'no weekend releases',
    nextStart: '2026-12-04T14:00:00Z',
  }),
  window({
    id: '2',
    name: 'year-end',
    environments: ['qa', 'prod'],
    start: '2026-11-30T00:00:00Z',
    end: '2027-01-04T08:00:00Z',
    reason: 'holidays',
    active: true,
    closesAt: '2027-01-04T08:00:00Z',
  }),
];

function renderPage(role: 'ADMIN' | 'VIEWER', mutations: Record<string, (v: Variables) => Answer> = {}) {
  const environments = ['prod', 'dev', 'qa'].map((name, i) => ({
    __typename: 'Environment',
    id: name,
    name,
    position: [3, 1, 2][i],
  }));
  const baton = fakeBaton(
    role,
    { FreezeWindows: () => ({ data: { freezeWindows: windows, environments } }) },
    mutations,
  );
  render(withBaton(baton.client, <FreezeWindowSettings />));
  return baton;
}

function card(name: string) {
  return within(screen.getByRole('region', { name: new RegExp(`^${name}`) }));
}

describe('Settings -> Freeze windows', () => {
  afterEach(cleanup);

  it('lists each window: environments, when, reason, and when it closes or next opens', () => {
    renderPage('VIEWER');
    const friday = card('friday');
    expect(friday.getByText('Opens at cron 0 15 * * FRI (Europe/Berlin), for 2 days 18 hours')).toBeTruthy();
    expect(friday.getByText('no weekend releases')).toBeTruthy();
    expect(friday.getByText('Next opens')).toBeTruthy();
    const yearEnd = card('year-end');
    expect(yearEnd.getByText('Open now')).toBeTruthy();
    expect(yearEnd.getByText('qa, prod')).toBeTruthy();
    expect(yearEnd.getByText('Closes')).toBeTruthy();
  });

  it('offers a viewer neither Add nor Delete', () => {
    renderPage('VIEWER');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it("adds a recurring window, showing the server's refusal of the cron next to the Cron field", async () => {
    let attempts = 0;
    const { sent } = renderPage('ADMIN', {
      CreateFreezeWindow: (v) =>
        attempts++ === 0
          ? refusal('cron\'s day-of-week field "FRIDAY" is not valid', 'BAD_USER_INPUT')
          : { data: { createFreezeWindow: { ...windows[0], id: '3', name: (v.input as { name: string }).name } } },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add freeze window' }));
    const form = within(screen.getByRole('dialog', { name: 'Add freeze window' }));
    expect(form.getAllByRole('checkbox').map((c) => c.parentElement?.textContent)).toEqual(['dev', 'qa', 'prod']);
    fireEvent.change(form.getByLabelText('Name'), { target: { value: 'weekend' } });
    fireEvent.click(form.getByRole('checkbox', { name: 'prod' }));
    fireEvent.click(form.getByRole('radio', { name: /Recurring/ }));
    fireEvent.change(form.getByLabelText('Cron'), { target: { value: '0 15 * * FRIDAY' } });
    fireEvent.change(form.getByLabelText('Duration'), { target: { value: '66' } });
    fireEvent.change(form.getByLabelText('Time zone'), { target: { value: 'Europe/Berlin' } });
    fireEvent.change(form.getByLabelText('Reason'), { target: { value: 'no weekend releases' } });
    fireEvent.click(form.getByRole('button', { name: 'Add freeze window' }));

    const problem = await form.findByRole('alert');
    expect(problem.id).toBe('freeze-cron-problem');
    expect(problem.textContent).toBe('cron\'s day-of-week field "FRIDAY" is not valid');
    expect(form.getByLabelText('Cron').getAttribute('aria-invalid')).toBe('true');
    expect(sent[0].variables).toEqual({
      input: {
        name: 'weekend',
        environments: ['prod'],
        reason: 'no weekend releases',
        cron: '0 15 * * FRIDAY',
        duration: 'PT66H',
        timeZone: 'Europe/Berlin',
      },
    });

    fireEvent.change(form.getByLabelText('Cron'), { target: { value: '0 15 * * FRI' } });
    expect(form.queryByRole('alert')).toBeNull();
    fireEvent.click(form.getByRole('button', { name: 'Add freeze window' }));
    expect((await screen.findByRole('status')).textContent).toBe('Added freeze window weekend.');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('checks a one-off window before sending it', () => {
    const { sent } = renderPage('ADMIN');
    fireEvent.click(screen.getByRole('button', { name: 'Add freeze window' }));
    const form = within(screen.getByRole('dialog'));
    fireEvent.click(form.getByRole('button', { name: 'Add freeze window' }));
    expect(form.getAllByRole('alert').map((a) => a.id)).toEqual([
      'freeze-name-problem',
      'freeze-environments-problem',
      'freeze-start-problem',
      'freeze-end-problem',
      'freeze-reason-problem',
    ]);
    expect(sent).toEqual([]);
  });

  it('deletes a window after asking', async () => {
    const { sent } = renderPage('ADMIN', {
      DeleteFreezeWindow: () => ({
        data: { deleteFreezeWindow: { __typename: 'FreezeWindow', id: '2', name: 'year-end' } },
      }),
    });
    fireEvent.click(card('year-end').getByRole('button', { name: 'Delete year-end' }));
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete freeze window' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toMatch(/^Deleted freeze window year-end/));
    expect(sent).toEqual([{ name: 'DeleteFreezeWindow', variables: { name: 'year-end' } }]);
  });
});
