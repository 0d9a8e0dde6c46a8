// Runs graphql-http's GraphQL-over-HTTP server audit against a Baton and prints every result as one JSON document.
// Usage: BATON_TOKEN=<token> node audit-server.mjs http://localhost:<port>/graphql
import { auditServer } from 'graphql-http';

const [url] = process.argv.slice(2);
const token = process.env.BATON_TOKEN;
if (!url || !token) {
  console.error('usage: BATON_TOKEN=<token> node audit-server.mjs <graphql url>');
  process.exit(2);
}

// Every request to /graphql needs the token; the audit itself knows nothing of authentication.
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};

const results = await auditServer({ url, fetchFn });
const report = results.map(({ id, name, status, reason }) => ({ id, name, status, reason: reason ?? null }));
console.log(JSON.stringify(report));
