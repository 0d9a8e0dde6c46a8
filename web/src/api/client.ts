import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { isUnauthorized } from './errors';

export interface BatonClient {
  client: Client;
  dispose(): void;
}

/** The WebSocket endpoint beside the page: ws://host/graphql, or wss:// behind TLS. */
export function graphqlWsUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
}

/**
 * One GraphQL client per signed-in token: queries and mutations over HTTP, subscriptions over graphql-ws.
 * The WebSocket does not retry by itself: the resumable subscriptions reopen with their last cursor, which a
 * blind retry of the original subscribe message would not.
 */
export function createBatonClient(token: string, onUnauthorized: () => void): BatonClient {
  const ws: WsClient = createWsClient({
    url: graphqlWsUrl(),
    connectionParams: { authorization: `Bearer ${token}` },
    lazy: true,
    lazyCloseTimeout: 5_000,
    keepAlive: 15_000,
    retryAttempts: 0,
    on: {
      closed: (event) => {
        const code = (event as { code?: number } | undefined)?.code;
        if (code === 4401 || code === 4403) onUnauthorized();
      },
    },
  });

  const client = new Client({
    url: '/graphql',
    requestPolicy: 'cache-and-network',
    preferGetMethod: false,
    fetchOptions: () => ({ headers: { Authorization: `Bearer ${token}` } }),
    exchanges: [
      mapExchange({
        onError(error) {
          if (isUnauthorized(error)) onUnauthorized();
        },
      }),
      cacheExchange,
      fetchExchange,
      subscriptionExchange({
        forwardSubscription(request) {
          const input = { ...request, query: request.query ?? '' };
          return {
            subscribe(sink) {
              const unsubscribe = ws.subscribe(input, sink);
              return { unsubscribe };
            },
          };
        },
      }),
    ],
  });

  return { client, dispose: () => void ws.dispose() };
}
