import {
  aggregateStepStatus,
  canRetry,
  canTerminate,
  isTerminalRelease,
  madeByFlow,
  progressSummary,
  statusIcon,
  statusLabel,
  statusTone,
} from './status';

describe('statuses', () => {
  it('reads statuses as words', () => {
    expect(statusLabel('SUCCEEDED')).toBe('Succeeded');
    expect(statusLabel('RUNNING')).toBe('Running');
    expect(statusLabel(undefined)).toBe('Unknown');
  });

  it('gives every status a tone and an icon, and unknown ones a neutral look', () => {
    expect(statusTone('FAILED')).toBe('danger');
    expect(statusTone('SUCCEEDED')).toBe('success');
    expect(statusTone('SOMETHING_NEW')).toBe('idle');
    expect(statusLabel('SUSPENDED')).toBe('Suspended');
    expect(statusTone('SUSPENDED')).toBe('attention');
    expect(statusTone('SUSPENDED')).not.toBe(statusTone('QUEUED'));
    expect(statusIcon('SUCCEEDED')).toBe('✓');
    expect(statusIcon('SOMETHING_NEW')).toBe('?');
  });

  it.each([
    ['QUEUED', false, true, false],
    ['RUNNING', false, true, false],
    ['SUSPENDED', false, true, false],
    ['SUCCEEDED', true, false, false],
    ['FAILED', true, false, true],
    ['TERMINATED', true, false, true],
  ])('%s: terminal %s, terminate %s, retry %s', (status, terminal, terminate, retry) => {
    expect(isTerminalRelease(status)).toBe(terminal);
    expect(canTerminate(status)).toBe(terminate);
    expect(canRetry(status)).toBe(retry);
  });

  it.each([
    [[], null],
    [['SUCCEEDED', 'SUCCEEDED'], 'SUCCEEDED'],
    [['SUCCEEDED', 'FAILED', 'SKIPPED'], 'FAILED'],
    [['SUCCEEDED', 'RUNNING', 'PENDING'], 'RUNNING'],
    [['SUCCEEDED', 'PENDING'], 'RUNNING'],
    [['PENDING', 'PENDING'], 'PENDING'],
    [['SUCCEEDED', 'SUSPENDED'], 'SUSPENDED'],
    [['SUCCEEDED', 'TERMINATED', 'SKIPPED'], 'TERMINATED'],
    [['SUCCEEDED', 'SKIPPED'], 'SUCCEEDED'],
    [['SKIPPED'], 'SKIPPED'],
  ])('sums up %j as %s', (statuses, expected) => {
    expect(aggregateStepStatus(statuses)).toBe(expected);
  });

  it('summarises progress', () => {
    expect(progressSummary(['SUCCEEDED', 'RUNNING', 'PENDING'])).toBe('1 of 3 environments succeeded');
  });

  it("tells a flow's release from a manual promotion and a rollback, which have no trigger step", () => {
    expect(madeByFlow('multi-env-sequential-promotion')).toBe(true);
    expect(madeByFlow('Manual')).toBe(false);
    expect(madeByFlow('Rollback')).toBe(false);
  });
});
