// @vitest-environment jsdom
import { createBatonClient, graphqlWsUrl } from './client';
import { WhoCanReadQuery } from '../auth/queries';

describe('the GraphQL client', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the token as a bearer token and sends a person back to sign in on a 401', async () => {
    const fetch = vi.fn(
      async () =>
        new Response(
          JSON.stringify({ errors: [{ message: 'the token is not valid', extensions: { code: 'UNAUTHENTICATED' } }] }),
          {
            status: 401,
            headers: { 'Content-Type': 'application/json' },
          },
        ),
    );
    vi.stubGlobal('fetch', fetch);
    const unauthorized = vi.fn();
    const baton = createBatonClient('revoked-token', unauthorized);
    const result = await baton.client.query(WhoCanReadQuery, {}).toPromise();
    baton.dispose();

    expect(result.error).toBeTruthy();
    expect(unauthorized).toHaveBeenCalled();
    const [, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).get('Authorization')).toBe('Bearer revoked-token');
    expect(init.method).toBe('POST');
  });

  it('does not sign anyone out for other errors', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              errors: [{ message: 'needs the ADMIN role', extensions: { code: 'FORBIDDEN' } }],
              data: null,
            }),
            {
              status: 200,
              headers: { 'Content-Type': 'application/json' },
            },
          ),
      ),
    );
    const unauthorized = vi.fn();
    const baton = createBatonClient('viewer-token', unauthorized);
    await baton.client.query(WhoCanReadQuery, {}).toPromise();
    baton.dispose();
    expect(unauthorized).not.toHaveBeenCalled();
  });

  it('opens the WebSocket beside the page, over TLS when the page is', () => {
    expect(graphqlWsUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/graphql');
    expect(graphqlWsUrl({ protocol: 'https:', host: 'baton.example.com' })).toBe('wss://baton.example.com/graphql');
  });
});
