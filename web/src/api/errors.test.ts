import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describeError, isNetworkError, isRetryable, isUnauthorized } from './errors';

const gql = (message: string, code: string) =>
  new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code } })] });

describe('errors in words', () => {
  it('says what the server said', () => {
    expect(describeError(gql('flow "x" already exists', 'CONFLICT'))).toBe('flow "x" already exists');
  });

  it('explains a role that is too low', () => {
    expect(describeError(gql('promoting needs the PROMOTER role', 'FORBIDDEN'))).toBe(
      "Your token's role does not allow this. promoting needs the PROMOTER role",
    );
  });

  it('turns a network failure into advice, not a stack trace', () => {
    const error = new CombinedError({ networkError: new TypeError('Failed to fetch') });
    expect(describeError(error)).toMatch(/could not be reached/);
    expect(isNetworkError(error)).toBe(true);
  });

  it('recognises every way the server refuses a token', () => {
    expect(isUnauthorized(gql('no token', 'UNAUTHENTICATED'))).toBe(true);
    expect(isUnauthorized(new CombinedError({ networkError: new Error('x'), response: { status: 401 } }))).toBe(true);
    expect(
      isUnauthorized(new CombinedError({ networkError: Object.assign(new Error('closed'), { code: 4403 }) })),
    ).toBe(true);
    expect(isUnauthorized(gql('nope', 'FORBIDDEN'))).toBe(false);
    expect(isUnauthorized(new CombinedError({ networkError: new Error('x') }))).toBe(false);
  });

  it('retries a subscription after a drop or when the server asks to subscribe again, never after a refusal', () => {
    expect(isRetryable(new CombinedError({ networkError: new Error('socket closed') }))).toBe(true);
    expect(
      isRetryable(gql('the subscriber fell too far behind; subscribe again with after: the last cursor', 'CONFLICT')),
    ).toBe(true);
    expect(isRetryable(gql('release 9 not found', 'NOT_FOUND'))).toBe(false);
    expect(isRetryable(gql('cursor is not one Baton gave out', 'BAD_USER_INPUT'))).toBe(false);
    expect(isRetryable(new CombinedError({ networkError: Object.assign(new Error('closed'), { code: 4403 }) }))).toBe(
      false,
    );
  });
});
