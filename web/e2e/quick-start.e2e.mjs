// End-to-end: the quick start in a real headless Chromium against a running Baton started with --demo.
// Driven by playwright-core with Debian's chromium (never a downloaded browser).
//
//   BATON_URL=http://localhost:8080 BATON_TOKEN=... node e2e/quick-start.e2e.mjs
//   CHROMIUM (default /usr/bin/chromium), SCREENSHOTS (default ../docs/screenshots)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, expect, gql, openBrowser, RELEASE_TIMEOUT, TOKEN } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SHOTS = resolve(process.env.SCREENSHOTS ?? join(here, '../../docs/screenshots'));
const FLOW = 'multi-env-sequential-promotion';
const PRODUCT = 'demo-trioapp';
const { page, check, finish, consoleErrors } = await openBrowser(SHOTS);

const nav = (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });

/** Marks the document, so a later check can tell that the page was never reloaded. */
async function markDocument() {
  await page.evaluate(() => {
    window.__batonE2eMark = 'same-document';
  });
}
async function sameDocument() {
  return page.evaluate(() => window.__batonE2eMark === 'same-document');
}

async function waitForStep(environment, status) {
  await page
    .locator(`[data-step="${environment}"][data-status="${status}"]`)
    .first()
    .waitFor({ timeout: RELEASE_TIMEOUT });
}

async function dragTo(source, target) {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  expect(from && to, 'drag source and target must be visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.mouse.up();
}

await check('signs in with an API token in one password field', async () => {
  await page.goto(`${BASE}/`);
  const field = page.getByLabel('API token');
  await field.waitFor();
  expect((await field.getAttribute('type')) === 'password', 'the token field is a password field');
  await field.fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  await page
    .getByRole('cell', { name: PRODUCT })
    .or(page.getByRole('rowheader', { name: PRODUCT }))
    .first()
    .waitFor();
});

let flowReleaseUrl = null;
await check('triggers the flow and watches dev, qa and prod succeed without a reload', async () => {
  await nav('Promotion Flows').click();
  await page.getByRole('heading', { name: 'Promotion Flows', level: 1 }).waitFor();
  await markDocument();
  await page.getByRole('button', { name: `Trigger ${FLOW}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: PRODUCT }).check();
  await dialog.getByRole('button', { name: 'Next' }).click();
  const source = dialog.getByLabel('Select the application with the changes to promote');
  expect(
    (await source.inputValue()) === `${PRODUCT}-dev`,
    `the source application is preselected from the trigger environment, got ${await source.inputValue()}`,
  );
  await dialog.getByRole('button', { name: 'Trigger', exact: true }).click();
  await dialog.getByRole('button', { name: 'View Release Details' }).click();
  await page.waitForURL(/\/releases\/[^/]+$/);
  flowReleaseUrl = page.url();
  for (const environment of ['dev', 'qa', 'prod']) await waitForStep(environment, 'SUCCEEDED');
  await page.locator('[data-release-status="SUCCEEDED"]').waitFor({ timeout: RELEASE_TIMEOUT });
  expect(await sameDocument(), 'the release view updated live, without a reload');
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, 'release-view.png') });
});

await check('finds the release under Releases with the flow name', async () => {
  await nav('Releases').click();
  await page.getByRole('heading', { name: 'Releases', level: 1 }).waitFor();
  const row = page
    .locator('tbody tr', { has: page.locator('[data-column="promotion-flow"]', { hasText: FLOW }) })
    .first();
  await row.waitFor();
  expect((await row.locator('[data-status="SUCCEEDED"]').count()) >= 3, 'the row shows a status icon per environment');
  await page.screenshot({ path: join(SHOTS, 'releases.png') });
  if (flowReleaseUrl) {
    await row.getByRole('link').first().click();
    await page.waitForURL(flowReleaseUrl);
  }
});

await check('drags a version from qa to prod and finds a Manual release', async () => {
  await nav('Products').click();
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  const chip = page.locator(`[data-version-of="${PRODUCT}/qa"]`);
  const target = page.locator(`td[data-cell="${PRODUCT}/prod"]`);
  await chip.waitFor();
  await dragTo(chip, target);
  const dialog = page.getByRole('dialog', { name: `Promote ${PRODUCT}` });
  await dialog.waitFor();
  await dialog.getByText('What this promotion would commit').waitFor();
  await page.screenshot({ path: join(SHOTS, 'promote-preview.png') });
  await dialog.getByRole('button', { name: 'Promote', exact: true }).click();
  await dialog.getByRole('button', { name: 'View Release Details' }).click();
  await waitForStep('prod', 'SUCCEEDED');
  await nav('Releases').click();
  await page
    .locator('[data-column="promotion-flow"]', { hasText: /^Manual$/ })
    .first()
    .waitFor();
});

await check('builds a flow in Chart mode, fixes the error the server reports in YAML mode, and saves it', async () => {
  const name = `e2e-flow-${Date.now().toString(36)}`;
  await nav('Promotion Flows').click();
  await page.getByRole('button', { name: 'Add Promotion Flow' }).click();
  await page.getByRole('heading', { name: 'Add Promotion Flow' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Description').fill('Built by the end-to-end test: qa and prod in parallel after dev');
  await page.getByLabel('Flow Timeout').fill('10');
  await page.getByLabel('Timeout unit').selectOption('minutes');
  await page.getByLabel('Version').fill('2.0');
  await page.getByLabel('Trigger Environment').selectOption('dev');
  for (const target of ['qa', 'prod']) {
    await page.getByRole('button', { name: 'Add a target environment after dev' }).click();
    await page
      .getByRole('group', { name: 'Environments to add after dev' })
      .getByRole('button', { name: target, exact: true })
      .click();
    await page.locator(`[data-flow-node="${target}"]`).waitFor();
  }
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, 'flow-builder.png') });

  await page.getByRole('button', { name: 'YAML', exact: true }).click();
  const editor = page.locator('.cm-content');
  await editor.waitFor();
  expect((await editor.innerText()).includes(`name: ${name}`), 'YAML mode shows the flow built in Chart mode');
  // The deliberate error: a target environment that does not exist.
  await page.locator('.cm-line', { hasText: /^\s*- environment: prod\s*$/ }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('x');
  await page.getByRole('button', { name: 'Save Promotion Flow' }).click();
  const problems = page.getByRole('alert', { name: 'Problems in the YAML' });
  await problems.waitFor();
  const reported = await problems.innerText();
  expect(/prodx/.test(reported) || /line \d+/i.test(reported), `the server's error is shown: ${reported}`);
  await page.locator('.cm-lintRange-error, .cm-lint-marker-error').first().waitFor();
  await page.screenshot({ path: join(SHOTS, 'flow-builder-yaml-error.png') });
  await page.locator('.cm-line', { hasText: /^\s*- environment: prodx\s*$/ }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.getByRole('button', { name: 'Chart', exact: true }).click();
  await page.locator('[data-flow-node="prod"]').waitFor();
  await page.getByRole('button', { name: 'Save Promotion Flow' }).click();
  await page.getByRole('heading', { name: 'Promotion Flows', level: 1 }).waitFor();
  const row = page.locator(`tr[data-flow="${name}"]`);
  await row.waitFor();
  const text = await row.innerText();
  expect(
    text.includes('dev → qa → prod') || text.includes('dev → prod → qa'),
    `the list shows the environments: ${text}`,
  );
  expect(text.includes('10 minutes') && text.includes('2.0'), `the list shows timeout and version: ${text}`);
});

// Gates: an administrator's rule of two approvals on prod, answered in the browser by the people allowed to.
const RUN = Date.now().toString(36);
const people = {
  alice: { name: `e2e-promoter-alice-${RUN}`, role: 'PROMOTER' },
  bob: { name: `e2e-promoter-bob-${RUN}`, role: 'PROMOTER' },
  viewer: { name: `e2e-viewer-${RUN}`, role: 'VIEWER' },
};
let prodGatesBefore = [];
let approvalReleaseUrl = null;

/** Signs out in the browser and in again with another token, then opens `url` (default: the dashboard). */
async function signInAs(token, url = `${BASE}/`) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  const field = page.getByLabel('API token');
  await field.waitFor();
  await field.fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.goto(url);
}

const prodGates = () => page.locator('[data-gates-of="prod"]');
const approvalGate = (status) => prodGates().locator(`tr[data-gate="APPROVAL"][data-gate-status="${status}"]`);
const prodControl = () => page.getByRole('form', { name: "Answer prod's approval" });

async function answerInBrowser(verb, comment) {
  const control = prodControl();
  await control.getByLabel('Comment for prod').fill(comment);
  await control.getByRole('button', { name: verb, exact: true }).click();
}

async function triggerQuickStart(token) {
  const { data } = await gql(
    token,
    'mutation($flow: String!, $product: String!) { triggerPromotionFlow(input: {flow: $flow, product: $product}) { id } }',
    { flow: FLOW, product: PRODUCT },
  );
  return data.triggerPromotionFlow.id;
}

await check('sets up two promoters, a viewer and a rule of two approvals on prod, not by the initiator', async () => {
  for (const person of Object.values(people)) {
    const { data } = await gql(
      TOKEN,
      'mutation($name: String!, $role: Role!) { createApiToken(input: {name: $name, role: $role}) { token } }',
      { name: person.name, role: person.role },
    );
    person.token = data.createApiToken.token;
  }
  const { data } = await gql(
    TOKEN,
    '{ environment(name: "prod") { gates { kind when timeout interval method url headers { name value } expectStatus expectJsonPath expectValue approvals approverRole allowInitiator duration } } }',
  );
  prodGatesBefore = data.environment.gates;
  await gql(
    TOKEN,
    'mutation { updateEnvironment(input: {name: "prod", gates: [{kind: APPROVAL, approvals: 2, allowInitiator: false}]}) { name } }',
  );
});

await check("shows a release waiting for two approvals as Suspended, with prod's approval gate waiting", async () => {
  await nav('Promotion Flows').click();
  await page.getByRole('button', { name: `Trigger ${FLOW}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: PRODUCT }).check();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Trigger', exact: true }).click();
  await dialog.getByRole('button', { name: 'View Release Details' }).click();
  await page.waitForURL(/\/releases\/[^/]+$/);
  approvalReleaseUrl = page.url();
  await markDocument();
  await waitForStep('qa', 'SUCCEEDED');
  await waitForStep('prod', 'SUSPENDED');
  await page.locator('[data-release-status="SUSPENDED"]').waitFor({ timeout: RELEASE_TIMEOUT });
  await approvalGate('SUSPENDED').waitFor({ timeout: RELEASE_TIMEOUT });
  const message = await approvalGate('SUSPENDED').innerText();
  expect(/Waiting for 2 more approvals/.test(message), `the gate says what it waits for: ${message}`);
  expect(await sameDocument(), 'the view followed the release live to its approval, without a reload');
  await page.locator('[data-step="prod"] .gate-chip[data-gate="APPROVAL"]').waitFor();
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, 'release-view-approval.png'), fullPage: true });

  const id = decodeURIComponent(approvalReleaseUrl.split('/').pop());
  await nav('Releases').click();
  const row = page.locator(`tr[data-release="${id}"]`);
  await row.locator('td[data-label="Status"] [data-status="SUSPENDED"]').waitFor();
  expect((await row.locator('td[data-label="Status"]').innerText()).includes('Suspended'), 'the list says Suspended');
  await nav('Products').click();
  const cell = page.locator(`td[data-cell="${PRODUCT}/prod"]`);
  await cell.locator('[data-status="SUSPENDED"]').waitFor();
  expect((await cell.innerText()).includes('Suspended'), 'the dashboard says Suspended for prod');
});

await check("refuses the initiator's approval, in the server's words, next to the control", async () => {
  if (!approvalReleaseUrl) throw new Error('no release waits for approval');
  await page.goto(approvalReleaseUrl);
  await approvalGate('SUSPENDED').waitFor();
  await answerInBrowser('Approve', 'I started it, so I cannot approve it');
  const refusal = prodControl().getByRole('alert');
  await refusal.waitFor();
  const text = await refusal.innerText();
  expect(text.includes('admin started this release'), `the refusal says why: ${text}`);
  expect((await prodGates().locator('[data-approval-by]').count()) === 0, 'no approval was recorded');
});

await check('offers no Approve control to a viewer, whom the server refuses too', async () => {
  if (!approvalReleaseUrl) throw new Error('no release waits for approval');
  await signInAs(people.viewer.token, approvalReleaseUrl);
  await waitForStep('prod', 'SUSPENDED');
  await approvalGate('SUSPENDED').waitFor();
  expect((await page.getByRole('button', { name: 'Approve', exact: true }).count()) === 0, 'a viewer sees no Approve');
  expect((await page.getByRole('button', { name: 'Reject', exact: true }).count()) === 0, 'a viewer sees no Reject');
  const id = decodeURIComponent(approvalReleaseUrl.split('/').pop());
  const refused = await gql(
    people.viewer.token,
    'mutation($id: ID!) { approveStep(input: {releaseId: $id, environment: "prod"}) { id } }',
    { id },
    { allowErrors: true },
  );
  expect(refused.errors?.[0]?.extensions?.code === 'FORBIDDEN', `a viewer gets FORBIDDEN: ${JSON.stringify(refused)}`);
});

await check('two promoters approve with comments, prod gets its commit and the release succeeds', async () => {
  if (!approvalReleaseUrl) throw new Error('no release waits for approval');
  await signInAs(people.alice.token, approvalReleaseUrl);
  await approvalGate('SUSPENDED').waitFor();
  await answerInBrowser('Approve', 'qa soaked fine, go');
  await prodGates().locator(`[data-approval-by="${people.alice.name}"]`).waitFor();
  // The answer is recorded at once; the gate, checked again right after, then says what is still missing.
  await approvalGate('SUSPENDED').filter({ hasText: 'Waiting for 1 more approval' }).waitFor();
  await answerInBrowser('Approve', 'qa soaked fine, go');
  const again = await prodControl().getByRole('alert').innerText();
  expect(again.includes('already approved'), `a second answer by the same person is refused: ${again}`);

  await signInAs(people.bob.token, approvalReleaseUrl);
  await markDocument();
  await approvalGate('SUSPENDED').waitFor();
  await answerInBrowser('Approve', 'release notes checked');
  await waitForStep('prod', 'SUCCEEDED');
  await page.locator('[data-release-status="SUCCEEDED"]').waitFor({ timeout: RELEASE_TIMEOUT });
  await approvalGate('PASSED').waitFor();
  expect(await sameDocument(), 'the view moved on without a reload');
  expect((await prodControl().count()) === 0, 'nothing left to answer');
  const answers = await prodGates().locator('.approvals').innerText();
  for (const expected of [people.alice.name, 'qa soaked fine, go', people.bob.name, 'release notes checked']) {
    expect(answers.includes(expected), `the approvals show ${expected}: ${answers}`);
  }
  await page.locator('[data-step="prod"] code').first().waitFor();
  const id = decodeURIComponent(approvalReleaseUrl.split('/').pop());
  const { data } = await gql(
    TOKEN,
    'query($id: ID!) { release(id: $id) { steps { environment { name } status commitSha } } }',
    {
      id,
    },
  );
  const prod = data.release.steps.find((s) => s.environment.name === 'prod');
  expect(prod.status === 'SUCCEEDED' && prod.commitSha, `prod is committed: ${JSON.stringify(prod)}`);
});

await check('a promoter rejects the next release with a comment: prod fails and the view says why', async () => {
  const id = await triggerQuickStart(TOKEN);
  await signInAs(people.alice.token, `${BASE}/releases/${encodeURIComponent(id)}`);
  await waitForStep('prod', 'SUSPENDED');
  await approvalGate('SUSPENDED').waitFor();
  await answerInBrowser('Reject', 'change freeze until Monday');
  await waitForStep('prod', 'FAILED');
  await page.locator('[data-release-status="FAILED"]').waitFor({ timeout: RELEASE_TIMEOUT });
  await approvalGate('FAILED').waitFor();
  const gate = await approvalGate('FAILED').innerText();
  expect(
    gate.includes(`Rejected by ${people.alice.name}: change freeze until Monday`),
    `the gate says who and why: ${gate}`,
  );
  const answer = await prodGates()
    .locator(`[data-approval-by="${people.alice.name}"][data-approved="false"]`)
    .innerText();
  expect(answer.includes('change freeze until Monday'), `the rejection shows its comment: ${answer}`);
  const step = await page.locator('[data-step="prod"]').first().innerText();
  expect(step.includes('change freeze until Monday'), `prod's step says why it failed: ${step}`);
});

await check('removes the approval rule from prod again', async () => {
  const restore = prodGatesBefore.map((gate) =>
    Object.fromEntries(Object.entries(gate).filter(([, value]) => value !== null && value !== undefined)),
  );
  await gql(
    TOKEN,
    'mutation($gates: [GateInput!]) { updateEnvironment(input: {name: "prod", gates: $gates}) { name } }',
    {
      gates: restore,
    },
  );
  const { data } = await gql(TOKEN, `{ releases(product: "${PRODUCT}", first: 20) { nodes { id status } } }`);
  for (const release of data.releases.nodes.filter((r) => ['QUEUED', 'RUNNING', 'SUSPENDED'].includes(r.status))) {
    await gql(TOKEN, 'mutation($id: ID!) { terminateRelease(id: $id) { id } }', { id: release.id });
  }
  await signInAs(TOKEN);
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
});

await check("follows the demo's gated-promotion live: qa soaks, then prod waits for the admin's approval", async () => {
  const flow = 'gated-promotion';
  await nav('Promotion Flows').click();
  await page.getByRole('button', { name: `Trigger ${flow}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: PRODUCT }).check();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Trigger', exact: true }).click();
  await dialog.getByRole('button', { name: 'View Release Details' }).click();
  await page.waitForURL(/\/releases\/[^/]+$/);
  await markDocument();
  const soak = (status) => page.locator(`[data-gates-of="qa"] tr[data-gate="SOAK"][data-gate-status="${status}"]`);
  await soak('RUNNING').or(soak('PASSED')).first().waitFor({ timeout: RELEASE_TIMEOUT });
  await soak('PASSED').waitFor({ timeout: RELEASE_TIMEOUT });
  expect((await soak('PASSED').innerText()).includes('Soaked for'), 'the soak says it is done');
  const activity = await page.locator('.timeline').innerText();
  expect(/Soaking: /.test(activity), `the soak's progress came in as events: ${activity}`);
  await waitForStep('prod', 'SUSPENDED');
  await approvalGate('SUSPENDED').waitFor();
  await answerInBrowser('Approve', 'demo looks good');
  await page.locator('[data-release-status="SUCCEEDED"]').waitFor({ timeout: RELEASE_TIMEOUT });
  await prodGates().locator('[data-approval-by="admin"][data-approved="true"]').waitFor();
  expect(await sameDocument(), 'the view followed the gates without a reload');
});

await check('resumes from the last event after the live connection drops', async () => {
  // Every WebSocket the app opens is kept where the test can drop it, and what it sends is recorded.
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    window.__batonSockets = [];
    window.__batonSent = [];
    window.__batonNexts = 0;
    window.WebSocket = class extends Native {
      constructor(...args) {
        super(...args);
        window.__batonSockets.push(this);
        // The connection drops right after the first event arrives, the app having received it.
        this.addEventListener('message', (e) => {
          if (!String(e.data).includes('"type":"next"')) return;
          window.__batonNexts += 1;
          if (window.__batonNexts === 1) this.close(4000, 'dropped by the test');
        });
      }
      send(data) {
        window.__batonSent.push(String(data));
        super.send(data);
      }
    };
  });
  await page.goto(`${BASE}/flows`);
  await page.getByRole('button', { name: `Trigger ${FLOW}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: PRODUCT }).check();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Trigger', exact: true }).click();
  await dialog.getByRole('button', { name: 'View Release Details' }).click();
  await page.waitForURL(/\/releases\/[^/]+$/);
  await markDocument();
  await page.waitForFunction(() => window.__batonNexts > 0);
  // The first event may already carry the finished release; what matters is that the view subscribes again from it.
  await page.waitForFunction(
    () =>
      window.__batonSent
        .map((text) => JSON.parse(text))
        .some(
          (message) =>
            message.type === 'subscribe' && message.payload?.variables?.releaseId && message.payload.variables.after,
        ),
    null,
    { timeout: 15_000 },
  );
  for (const environment of ['dev', 'qa', 'prod']) await waitForStep(environment, 'SUCCEEDED');
  await page.locator('[data-release-status="SUCCEEDED"]').waitFor({ timeout: RELEASE_TIMEOUT });
  expect(await sameDocument(), 'the release view caught up without a reload');
  expect((await page.evaluate(() => window.__batonSockets.length)) >= 2, 'a new connection was opened');
  await page.getByRole('heading', { name: 'Activity' }).waitFor();
});

await check('is readable on a phone', async () => {
  if (!flowReleaseUrl) throw new Error('no release to show');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(flowReleaseUrl);
  await waitForStep('prod', 'SUCCEEDED');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow <= 1, `no sideways scrolling on a phone (overflow ${overflow}px)`);
  await page.screenshot({ path: join(SHOTS, 'release-view-phone.png'), fullPage: true });
  if (approvalReleaseUrl) {
    await page.goto(approvalReleaseUrl);
    await approvalGate('PASSED').waitFor();
    const gated = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(gated <= 1, `no sideways scrolling with gates and approvals on a phone (overflow ${gated}px)`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});

await check('signs out and forgets the token', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API token').waitFor();
  await page.reload();
  await page.getByLabel('API token').waitFor();
  expect((await page.evaluate(() => window.localStorage.getItem('baton.token'))) === null, 'the token is forgotten');
});

await check('leaves no errors in the browser console', async () => {
  expect(consoleErrors.length === 0, `console errors:\n${consoleErrors.join('\n')}`);
});

await finish();
