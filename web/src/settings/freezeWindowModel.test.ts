import { checkDraft, emptyFreezeWindowDraft, fieldOfRefusal, localToInstant, toInput } from './freezeWindowModel';

describe('a freeze window draft', () => {
  it('sends a one-off window as instants read in the browser time zone', () => {
    const draft = {
      ...emptyFreezeWindowDraft(),
      name: ' year-end ',
      environments: ['prod'],
      start: '2026-12-24T15:00',
      end: '2027-01-04T08:00',
      cron: 'ignored',
      reason: ' holidays ',
    };
    expect(toInput(draft)).toEqual({
      name: 'year-end',
      environments: ['prod'],
      reason: 'holidays',
      start: new Date('2026-12-24T15:00').toISOString(),
      end: new Date('2027-01-04T08:00').toISOString(),
    });
  });

  it('sends a recurring window as cron, duration and time zone, and nothing of a one-off', () => {
    const draft = {
      ...emptyFreezeWindowDraft(),
      name: 'friday',
      environments: ['qa', 'prod'],
      kind: 'RECURRING' as const,
      start: '2026-12-24T15:00',
      cron: ' 0 15 * * FRI ',
      duration: 'PT66H',
      timeZone: 'Europe/Berlin',
      reason: 'weekend',
    };
    expect(toInput(draft)).toEqual({
      name: 'friday',
      environments: ['qa', 'prod'],
      reason: 'weekend',
      cron: '0 15 * * FRI',
      duration: 'PT66H',
      timeZone: 'Europe/Berlin',
    });
  });

  it('finds what is missing before asking the server', () => {
    expect(checkDraft(emptyFreezeWindowDraft())).toEqual({
      name: 'Give the window a name.',
      environments: 'Choose at least one environment to freeze.',
      reason: 'Say why: the reason is shown on every step the window holds.',
      start: 'Give the time the window opens.',
      end: 'Give the time the window closes.',
    });
    const backwards = {
      ...emptyFreezeWindowDraft(),
      name: 'x',
      environments: ['prod'],
      reason: 'r',
      start: '2026-12-24T15:00',
      end: '2026-12-24T14:00',
    };
    expect(checkDraft(backwards)).toEqual({ end: 'The window must close after it opens.' });
    expect(checkDraft({ ...backwards, kind: 'RECURRING' })).toEqual({
      cron: 'Give the openings as five cron fields, e.g. 0 15 * * FRI.',
      duration: 'Give how long the window stays open after each opening.',
    });
  });

  it("puts each of the server's refusals next to the field it names", () => {
    const cases: Array<[string, string, string]> = [
      ['a freeze window named "year-end" exists', 'CONFLICT', 'name'],
      ['name must not be blank', 'BAD_USER_INPUT', 'name'],
      ['reason is longer than 1000 characters', 'BAD_USER_INPUT', 'reason'],
      ['timeZone "Mars/Olympus" is not an IANA time zone', 'BAD_USER_INPUT', 'timeZone'],
      ['cron must have five fields (minute hour day-of-month month day-of-week): "x"', 'BAD_USER_INPUT', 'cron'],
      ['cron\'s hour field "25" is not valid', 'BAD_USER_INPUT', 'cron'],
      ['environment "stage" does not exist', 'NOT_FOUND', 'environments'],
      ['a freeze window needs at least one environment', 'BAD_USER_INPUT', 'environments'],
      ['a one-off freeze window needs a start before its end', 'BAD_USER_INPUT', 'end'],
      ['a recurring freeze window needs a cron and a positive duration', 'BAD_USER_INPUT', 'duration'],
      [
        'a freeze window is one-off (start and end) or recurring (cron and duration), not both',
        'BAD_USER_INPUT',
        'form',
      ],
    ];
    for (const [message, code, field] of cases)
      expect([message, fieldOfRefusal(message, code)]).toEqual([message, field]);
  });

  it('reads an empty or broken datetime-local value as no instant', () => {
    expect(localToInstant('')).toBeNull();
    expect(localToInstant('not a time')).toBeNull();
  });
});
