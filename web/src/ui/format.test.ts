import { elapsed, humanDuration, humanIsoDuration, parseIsoDuration, shortSha, toIsoDuration } from './format';

describe('durations', () => {
  it.each([
    ['PT5M', 300],
    ['PT24H', 86400],
    ['PT30S', 30],
    ['P1D', 86400],
    ['P1DT2H', 93600],
    ['PT1H30M', 5400],
    ['pt5m', 300],
  ])('reads %s as %d seconds', (iso, seconds) => {
    expect(parseIsoDuration(iso)).toBe(seconds);
  });

  it.each(['', 'five minutes', 'P', 'PT', '5M'])('refuses %j', (text) => {
    expect(parseIsoDuration(text)).toBeNull();
  });

  it('writes the largest whole units', () => {
    expect(toIsoDuration(300)).toBe('PT5M');
    expect(toIsoDuration(86400)).toBe('PT24H');
    expect(toIsoDuration(5430)).toBe('PT1H30M30S');
    expect(toIsoDuration(0)).toBe('PT0S');
  });

  it('says durations in words the quick start uses', () => {
    expect(humanIsoDuration('PT5M')).toBe('5 minutes');
    expect(humanIsoDuration('PT24H')).toBe('24 hours');
    expect(humanIsoDuration('PT1H')).toBe('1 hour');
    expect(humanIsoDuration('P2D')).toBe('2 days');
    expect(humanDuration(5400)).toBe('1 hour 30 minutes');
  });

  it('measures elapsed time compactly', () => {
    expect(elapsed('2026-01-01T00:00:00Z', '2026-01-01T00:00:12Z')).toBe('12s');
    expect(elapsed('2026-01-01T00:00:00Z', '2026-01-01T00:03:04Z')).toBe('3m 4s');
    expect(elapsed(null, null)).toBe('');
  });

  it('shortens commit ids to seven characters', () => {
    expect(shortSha('0123456789abcdef')).toBe('0123456');
    expect(shortSha(null)).toBe('');
  });
});
