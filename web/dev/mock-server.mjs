// A stand-in Baton for working on the web app without the Java server: the real schema (../schema), an in-memory
// demo world (dev, qa, prod; demo-trioapp; multi-env-sequential-promotion), releases that move on a timer, and the
// releaseEvents subscription over graphql-transport-ws with replay after a cursor. It serves the built app too.
// Not used by the build or by the end-to-end tests, which run against the real jar.
//
//   npm run build && node dev/mock-server.mjs        (PORT=8090, MOCK_TOKEN=dev-token, STEP_MS=700)
import { readFileSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, execute, GraphQLError, parse, validate } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { LineCounter, parseDocument } from 'yaml';

const here = dirname(fileURLToPath(import.meta.url));
const PORT = Number(process.env.PORT ?? 8090);
const TOKEN = process.env.MOCK_TOKEN ?? 'dev-token';
const STEP_MS = Number(process.env.STEP_MS ?? 700);
const WEBROOT = resolve(here, '../../target/classes/webroot');
const schema = buildSchema(readFileSync(resolve(here, '../../schema/baton.graphqls'), 'utf8'));

const now = () => new Date().toISOString();
const bad = (message, code = 'BAD_USER_INPUT') => new GraphQLError(message, { extensions: { code } });
let ids = 100;

const environments = [
  { id: '1', name: 'dev', kind: 'NON_PROD', position: 1 },
  { id: '2', name: 'qa', kind: 'NON_PROD', position: 2 },
  { id: '3', name: 'prod', kind: 'PROD', position: 3 },
];
const env = (name) => environments.find((e) => e.name === name);
const versions = { dev: '1.3.0', qa: '1.2.0', prod: '1.2.0' };
const products = [{ id: '10', name: 'demo-trioapp', concurrency: 'QUEUE' }];
const applications = environments.map((e, i) => ({
  id: String(20 + i),
  name: `demo-trioapp-${e.name}`,
  productName: 'demo-trioapp',
  environmentName: e.name,
  repoUrl: `https://github.com/example/demo-trioapp-${e.name}.git`,
  branch: 'main',
  path: 'app',
}));
const flows = [];
const releases = [];
const events = [];
const listeners = new Set();

function applicationView(a) {
  return {
    id: a.id,
    name: a.name,
    repoUrl: a.repoUrl,
    branch: a.branch,
    path: a.path,
    version: () => versions[a.environmentName] ?? null,
    product: () => productView(products.find((p) => p.name === a.productName)),
    environment: () => environmentView(env(a.environmentName)),
  };
}
function environmentView(e) {
  return { ...e, applications: () => applications.filter((a) => a.environmentName === e.name).map(applicationView) };
}
function productView(p) {
  return {
    ...p,
    promotionTemplate: null,
    applications: () => applications.filter((a) => a.productName === p.name).map(applicationView),
    releases: ({ first, after }) =>
      connection(
        releases.filter((r) => r.product === p.name),
        first,
        after,
      ),
  };
}
function flowView(f) {
  return {
    ...f,
    triggerEnvironment: () => environmentView(env(f.triggerEnvironment)),
    steps: () =>
      f.steps.map((s) => ({
        environment: () => environmentView(env(s.environment)),
        dependsOn: () => s.dependsOn.map((d) => environmentView(env(d))),
        action: s.action,
      })),
    yaml: () => flowYaml(f),
  };
}
function releaseView(r) {
  const app = (e) => applications.find((a) => a.productName === r.product && a.environmentName === e);
  return {
    ...r,
    product: () => productView(products.find((p) => p.name === r.product)),
    promotionFlow: () => (r.flow ? flowView(flows.find((f) => f.name === r.flow)) : null),
    promotionFlowName: r.flow ?? 'Manual',
    sourceApplication: () => applicationView(app(r.source)),
    steps: () =>
      r.steps.map((s) => ({
        ...s,
        environment: () => environmentView(env(s.environment)),
        application: () => applicationView(app(s.environment)),
        dependsOn: () => s.dependsOn.map((d) => environmentView(env(d))),
      })),
  };
}
function connection(list, first = 20, after) {
  const sorted = [...list].sort((a, b) => Number(b.id) - Number(a.id));
  const start = after ? sorted.findIndex((r) => r.id === after) + 1 : 0;
  const page = sorted.slice(start, start + first);
  return {
    edges: page.map((r) => ({ cursor: r.id, node: releaseView(r) })),
    nodes: page.map(releaseView),
    pageInfo: { hasNextPage: start + first < sorted.length, endCursor: page.length ? page[page.length - 1].id : null },
  };
}

function flowYaml(f) {
  const steps = f.steps
    .map((s) => `    - environment: ${s.environment}\n      dependsOn: [ ${s.dependsOn.join(', ')} ]`)
    .join('\n');
  return `apiVersion: baton/v1\nkind: PromotionFlow\nmetadata:\n  name: ${f.name}\n  annotations:\n    description: ${f.description ?? ''}\n    version: "${f.version ?? ''}"\nspec:\n  triggerEnvironment: ${f.triggerEnvironment}\n  steps:\n${steps}\n  timeout: ${f.timeout}\n`;
}

function applyYaml(text) {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, schema: 'failsafe' });
  if (doc.errors.length)
    throw bad(`line ${doc.errors[0].linePos?.[0]?.line ?? 1}: ${doc.errors[0].message.split('\n')[0]}`);
  const get = (path) => doc.getIn(path);
  const lineOf = (path) => {
    const n = doc.getIn(path, true);
    return n?.range ? lines.linePos(n.range[0]).line : 1;
  };
  const name = get(['metadata', 'name']);
  if (!name) throw bad('metadata.name is required');
  const trigger = get(['spec', 'triggerEnvironment']);
  if (!env(trigger))
    throw bad(`line ${lineOf(['spec', 'triggerEnvironment'])}: environment "${trigger}" does not exist`);
  const rawSteps = doc.getIn(['spec', 'steps'])?.items ?? [];
  const steps = rawSteps.map((_, i) => {
    const e = get(['spec', 'steps', i, 'environment']);
    if (!env(e)) throw bad(`line ${lineOf(['spec', 'steps', i, 'environment'])}: environment "${e}" does not exist`);
    const deps = doc.getIn(['spec', 'steps', i, 'dependsOn'])?.toJSON?.() ?? [
      i === 0 ? trigger : get(['spec', 'steps', i - 1, 'environment']),
    ];
    return {
      environment: e,
      dependsOn: deps,
      action: String(get(['spec', 'steps', i, 'policy', 'action']) ?? 'commit').toUpperCase(),
    };
  });
  const limit = get(['spec', 'promotionTimeoutLimit']);
  const flow = {
    id: String(ids++),
    name,
    description: get(['metadata', 'annotations', 'description']) ?? null,
    version: get(['metadata', 'annotations', 'version']) ?? null,
    timeout: limit ? `PT${limit}M` : (get(['spec', 'timeout']) ?? 'PT24H'),
    triggerEnvironment: trigger,
    steps,
    createdAt: now(),
    updatedAt: now(),
  };
  const i = flows.findIndex((f) => f.name === name);
  if (i >= 0) flows[i] = { ...flow, id: flows[i].id, createdAt: flows[i].createdAt };
  else flows.push(flow);
  return flowView(flows.find((f) => f.name === name));
}

function emit(release, environment, status, previousStatus, message = null) {
  const event = {
    cursor: String(events.length + 1),
    at: now(),
    releaseId: release.id,
    product: release.product,
    environment,
    status,
    previousStatus,
    message,
  };
  events.push(event);
  listeners.forEach((l) => l(event));
}

function startRelease(product, flowName, source, targets) {
  const release = {
    id: String(ids++),
    product,
    flow: flowName,
    source,
    sourceCommit: 'a1b2c3d4e5f6a7b8c9d0',
    version: versions[source],
    status: 'RUNNING',
    message: null,
    triggeredBy: 'admin',
    createdAt: now(),
    startedAt: now(),
    finishedAt: null,
    steps: targets,
  };
  releases.push(release);
  emit(release, null, 'RUNNING', null);
  advance(release);
  return release;
}

function advance(release) {
  setTimeout(() => {
    if (release.status !== 'RUNNING') return;
    const done = (n) => release.steps.find((s) => s.environment === n)?.status === 'SUCCEEDED';
    const running = release.steps.find((s) => s.status === 'RUNNING');
    if (running) {
      Object.assign(running, {
        status: 'SUCCEEDED',
        finishedAt: now(),
        commitSha: running.action === 'NONE' ? null : Math.random().toString(16).slice(2, 12).padEnd(40, '0'),
        version: release.version,
        message: running.action === 'NONE' ? 'no Git change (action none)' : `committed ${release.version}`,
      });
      versions[running.environment] = release.version;
      emit(release, running.environment, 'SUCCEEDED', 'RUNNING', running.message);
    } else {
      const ready = release.steps.filter((s) => s.status === 'PENDING' && s.dependsOn.every(done));
      if (ready.length === 0) {
        Object.assign(release, { status: 'SUCCEEDED', finishedAt: now() });
        emit(release, null, 'SUCCEEDED', 'RUNNING');
        return;
      }
      Object.assign(ready[0], { status: 'RUNNING', startedAt: now() });
      emit(release, ready[0].environment, 'RUNNING', 'PENDING');
    }
    advance(release);
  }, STEP_MS);
}

function step(environment, dependsOn, action = 'COMMIT') {
  return {
    environment,
    dependsOn,
    action,
    status: 'PENDING',
    message: null,
    commitSha: null,
    version: null,
    attempt: 1,
    startedAt: null,
    finishedAt: null,
  };
}

applyYaml(
  'apiVersion: baton/v1\nkind: PromotionFlow\nmetadata:\n  name: multi-env-sequential-promotion\n  annotations:\n    description: Sequential promotion through dev, qa and prod\n    version: "1.0"\nspec:\n  triggerEnvironment: dev\n  steps:\n    - environment: qa\n    - environment: prod\n  promotionTimeoutLimit: 5\n',
);

const root = {
  environments: () => environments.map(environmentView),
  environment: ({ name }) => (env(name) ? environmentView(env(name)) : null),
  products: () => products.map(productView),
  product: ({ name }) => {
    const p = products.find((x) => x.name === name);
    return p ? productView(p) : null;
  },
  applications: () => applications.map(applicationView),
  promotionFlows: () => flows.map(flowView),
  promotionFlow: ({ name }) => {
    const f = flows.find((x) => x.name === name);
    return f ? flowView(f) : null;
  },
  releases: ({ product, promotionFlow, status, first, after }) =>
    connection(
      releases.filter(
        (r) =>
          (!product || r.product === product) &&
          (!promotionFlow || r.flow === promotionFlow) &&
          (!status || r.status === status),
      ),
      first,
      after,
    ),
  release: ({ id }) => {
    const r = releases.find((x) => x.id === id);
    return r ? releaseView(r) : null;
  },
  promotionPreview: ({ sourceEnvironment, targetEnvironment }) =>
    versions[sourceEnvironment] === versions[targetEnvironment]
      ? { files: [], version: versions[sourceEnvironment] }
      : {
          version: versions[sourceEnvironment],
          files: [
            {
              path: 'app/values.yaml',
              diff: `--- a/app/values.yaml\n+++ b/app/values.yaml\n@@ -1,4 +1,4 @@\n # demo-trioapp in ${targetEnvironment}\n image:\n-  tag: ${versions[targetEnvironment]}\n+  tag: ${versions[sourceEnvironment]}\n   pullPolicy: IfNotPresent\n`,
            },
          ],
        },
  apiTokens: () => [],
  applyPromotionFlowYaml: ({ yaml }) => applyYaml(yaml),
  triggerPromotionFlow: ({ input }) => {
    const flow = flows.find((f) => f.name === input.flow);
    if (!flow) throw bad(`promotion flow "${input.flow}" does not exist`, 'NOT_FOUND');
    const trigger = {
      ...step(flow.triggerEnvironment, []),
      status: 'SUCCEEDED',
      startedAt: now(),
      finishedAt: now(),
      version: versions[flow.triggerEnvironment],
      message: 'source pinned',
    };
    return releaseView(
      startRelease(input.product, flow.name, flow.triggerEnvironment, [
        trigger,
        ...flow.steps.map((s) => step(s.environment, s.dependsOn, s.action)),
      ]),
    );
  },
  promote: ({ input }) =>
    releaseView(startRelease(input.product, null, input.sourceEnvironment, [step(input.targetEnvironment, [])])),
  terminateRelease: ({ id }) => {
    const r = releases.find((x) => x.id === id);
    Object.assign(r, { status: 'TERMINATED', finishedAt: now(), message: 'terminated by admin' });
    r.steps.forEach((s) => {
      if (s.status === 'RUNNING') s.status = 'TERMINATED';
      else if (s.status === 'PENDING') s.status = 'SKIPPED';
    });
    emit(r, null, 'TERMINATED', 'RUNNING', r.message);
    return releaseView(r);
  },
  retryRelease: ({ id }) => {
    const r = releases.find((x) => x.id === id);
    r.steps.forEach((s) => {
      if (s.status !== 'SUCCEEDED') Object.assign(s, { status: 'PENDING', attempt: s.attempt + 1 });
    });
    Object.assign(r, { status: 'RUNNING', finishedAt: null, message: null });
    emit(r, null, 'RUNNING', 'TERMINATED');
    advance(r);
    return releaseView(r);
  },
};

const sub = schema.getSubscriptionType().getFields().releaseEvents;
sub.resolve = (event) => ({
  ...event,
  release: releaseView(releases.find((r) => r.id === event.releaseId)),
  environment: event.environment ? environmentView(env(event.environment)) : null,
});
sub.subscribe = (_, { product, releaseId, after }) => {
  const matches = (e) => (!product || e.product === product) && (!releaseId || e.releaseId === releaseId);
  const queue = events.filter((e) => matches(e) && (!after || Number(e.cursor) > Number(after)));
  let wake = null;
  const listener = (e) => {
    if (matches(e)) {
      queue.push(e);
      wake?.();
    }
  };
  listeners.add(listener);
  const terminal = () =>
    releaseId && ['SUCCEEDED', 'FAILED', 'TERMINATED'].includes(releases.find((r) => r.id === releaseId)?.status);
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    async next() {
      while (queue.length === 0) {
        if (terminal()) {
          listeners.delete(listener);
          return { done: true, value: undefined };
        }
        await new Promise((r) => {
          wake = r;
          setTimeout(r, 250);
        });
      }
      return { done: false, value: queue.shift() };
    },
    async return() {
      listeners.delete(listener);
      return { done: true, value: undefined };
    },
  };
};

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/graphql' && req.method === 'POST') {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      return res.end(
        JSON.stringify({
          errors: [{ message: 'a valid API token is required', extensions: { code: 'UNAUTHENTICATED' } }],
        }),
      );
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', async () => {
      const { query, variables } = JSON.parse(body);
      const document = parse(query);
      const errors = validate(schema, document);
      const result = errors.length
        ? { errors }
        : await execute({ schema, document, rootValue: root, variableValues: variables });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(result));
    });
    return;
  }
  let file = join(WEBROOT, url.pathname);
  if (!file.startsWith(WEBROOT) || !existsSync(file) || statSync(file).isDirectory())
    file = join(WEBROOT, 'index.html');
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
  res.end(readFileSync(file));
});

const wss = new WebSocketServer({ server, path: '/graphql' });
useServer(
  {
    schema,
    roots: { subscription: {} },
    onConnect: (ctx) => ctx.connectionParams?.authorization === `Bearer ${TOKEN}`,
    execute: (args) => execute({ ...args, rootValue: root }),
  },
  wss,
);

server.listen(PORT, () => console.log(`mock Baton on http://localhost:${PORT}/ (token ${TOKEN})`));
