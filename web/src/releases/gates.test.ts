import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import type { GateStatus, Role } from '../gql/graphql';
import {
  answerError,
  approvalSentence,
  gateKindLabel,
  gateStatusLabel,
  gateTone,
  gateWhenLabel,
  mayAnswer,
  stepsWithGates,
} from './gates';

const approval = (status: GateStatus) => ({
  kind: 'APPROVAL' as const,
  when: 'BEFORE' as const,
  status,
  message: null,
});
const soak = (status: GateStatus) => ({ kind: 'SOAK' as const, when: 'AFTER' as const, status, message: null });
type Gate = ReturnType<typeof approval> | ReturnType<typeof soak>;

function stepOf(status: string, gates: Gate[]) {
  return { status, gates } as unknown as Parameters<typeof mayAnswer>[1];
}

describe('who may answer a step', () => {
  it.each<[Role | null, boolean]>([
    ['ADMIN', true],
    ['PROMOTER', true],
    ['VIEWER', false],
    [null, false],
  ])('a %s token, on a step waiting for approval: %s', (role, offered) => {
    expect(mayAnswer(role, stepOf('SUSPENDED', [approval('SUSPENDED')]))).toBe(offered);
  });

  it.each<[string, Gate[]]>([
    ['RUNNING', [soak('RUNNING')]],
    ['RUNNING', [approval('PASSED'), soak('RUNNING')]],
    ['SUCCEEDED', [approval('PASSED')]],
    ['FAILED', [approval('FAILED')]],
    ['PENDING', [approval('PENDING')]],
    ['SUSPENDED', []],
  ])('nobody is offered a control on a %s step with gates %j', (status, gates) => {
    expect(mayAnswer('ADMIN', stepOf(status, gates))).toBe(false);
  });
});

describe('gates in words', () => {
  it('names kinds, when they run and where they stand', () => {
    expect(gateKindLabel('ARGOCD')).toBe('Argo CD');
    expect(gateKindLabel('APPROVAL')).toBe('Approval');
    expect(gateKindLabel('SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(gateWhenLabel('BEFORE')).toBe('before the action');
    expect(gateWhenLabel('AFTER')).toBe('after the action');
    expect(gateStatusLabel('SUSPENDED')).toBe('Waiting for a person');
    expect(gateStatusLabel('PASSED')).toBe('Passed');
  });

  it('colours a gate waiting for a person apart from one being checked', () => {
    expect(gateTone('SUSPENDED')).toBe('attention');
    expect(gateTone('RUNNING')).toBe('active');
    expect(gateTone('PASSED')).toBe('success');
    expect(gateTone('FAILED')).toBe('danger');
    expect(gateTone('NEW')).toBe('idle');
  });

  it('says who answered, how and why', () => {
    expect(approvalSentence({ by: 'alice', approved: true, comment: ' looks good ' })).toBe(
      'alice approved: looks good',
    );
    expect(approvalSentence({ by: 'bob', approved: false, comment: null })).toBe('bob rejected');
  });

  it('lists only steps with gates or answers', () => {
    const steps = [
      { name: 'dev', gates: [], approvals: [] },
      { name: 'qa', gates: [soak('PASSED')], approvals: [] },
      { name: 'prod', gates: [], approvals: [{ by: 'a', approved: true, comment: null, at: 'x' }] },
    ];
    expect(stepsWithGates(steps).map((s) => s.name)).toEqual(['qa', 'prod']);
  });
});

describe("the server's refusal", () => {
  it('is shown in its own words, whatever its code', () => {
    const forbidden = new CombinedError({
      graphQLErrors: [
        new GraphQLError('admin started this release, and this step must be approved by someone else', {
          extensions: { code: 'FORBIDDEN' },
        }),
      ],
    });
    expect(answerError(forbidden)).toBe('admin started this release, and this step must be approved by someone else');
    const conflict = new CombinedError({
      graphQLErrors: [
        new GraphQLError('alice has already approved this step: each person answers once', {
          extensions: { code: 'CONFLICT' },
        }),
      ],
    });
    expect(answerError(conflict)).toBe('alice has already approved this step: each person answers once');
  });

  it('falls back to words a person can act on when the server was not reached', () => {
    const offline = new CombinedError({ networkError: new Error('Failed to fetch') });
    expect(answerError(offline)).toMatch(/could not be reached/);
    expect(answerError(null)).toBe('');
  });
});
