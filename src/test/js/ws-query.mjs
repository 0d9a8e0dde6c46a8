// Runs one GraphQL operation over graphql-transport-ws with the graphql-ws client, and prints what came back as JSON:
// {"results": [...every next payload...], "completed": true} or {"error": ..., "closeCode": ...}.
// Usage: BATON_TOKEN=<token> node ws-query.mjs ws://localhost:<port>/graphql '<query>'
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, query] = process.argv.slice(2);
const token = process.env.BATON_TOKEN;

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  connectionParams: token ? { authorization: `Bearer ${token}` } : {},
  retryAttempts: 0,
  lazy: true,
});

const results = [];
const outcome = await new Promise((resolve) => {
  client.subscribe({ query }, {
    next: (result) => results.push(result),
    error: (error) => resolve({
      results,
      error: Array.isArray(error) ? error : String(error?.reason ?? error?.message ?? error),
      closeCode: error?.code ?? null,
    }),
    complete: () => resolve({ results, completed: true }),
  });
});
await client.dispose();
console.log(JSON.stringify(outcome));
