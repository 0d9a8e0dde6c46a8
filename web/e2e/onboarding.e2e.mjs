// End-to-end: a newcomer sets up a product of their own in the web app, without writing GraphQL, in a real
// headless Chromium against a running Baton started WITHOUT --demo. Driven by playwright-core with Debian's
// chromium (never a downloaded browser).
//
//   BATON_URL=http://localhost:8080 BATON_TOKEN=... REPO_DEV=file://... REPO_STAGING=file://... REPO_PROD=file://... \
//     node e2e/onboarding.e2e.mjs
//   The three repositories hold values.yaml with image.tag (REPO_DEV's newer than the others'), on main.
//   CHROMIUM (default /usr/bin/chromium), SCREENSHOTS (default ../docs/screenshots)
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, expect, openBrowser, RELEASE_TIMEOUT, TOKEN } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SHOTS = resolve(process.env.SCREENSHOTS ?? join(here, '../../docs/screenshots'));
const REPOS = { dev: process.env.REPO_DEV, staging: process.env.REPO_STAGING, prod: process.env.REPO_PROD };
const DEV_TAG = process.env.DEV_TAG ?? '1.1.0';
const RELEASED_TAG = process.env.RELEASED_TAG ?? '1.0.0';
const PRODUCT = 'shop';
const FLOW = 'ship';
if (!REPOS.dev || !REPOS.staging || !REPOS.prod) {
  console.error('REPO_DEV, REPO_STAGING and REPO_PROD are required');
  process.exit(2);
}

const { page, check, mustPass, finish, consoleErrors } = await openBrowser(SHOTS, {
  viewport: { width: 1280, height: 900 },
  permissions: ['clipboard-read', 'clipboard-write'],
  // A refused request (the deliberate validation errors, the refused delete) is an answer, not a page error.
  ignoreConsole: /status of 4\d\d/,
});

const nav = (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const settingsTab = (name) =>
  page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name, exact: true });

/** The texts an input is described by: its help and, when there is one, its problem. */
async function problemOf(input) {
  return input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' | '),
  );
}

async function dragTo(source, target) {
  const from = await source.boundingBox();
  const to = await target.boundingBox();
  expect(from && to, 'drag source and target must be visible');
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 3 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 15 });
  await page.mouse.up();
}

async function environmentOrder() {
  return page
    .locator('table[aria-label="Environments"] tbody tr')
    .evaluateAll((rows) => rows.map((r) => r.dataset.environment));
}

/** A GraphQL request as `token`, from outside the browser: what a CI pipeline given the token would send. */
async function asToken(token, query) {
  return fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query }),
  });
}

await mustPass('signs in as admin and finds Settings', async () => {
  await page.goto(`${BASE}/`);
  await page.getByLabel('API token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await nav('Settings').click();
  await page.getByRole('heading', { name: 'Environments', level: 1 }).waitFor();
});

await mustPass('creates dev, prod and staging, and drags staging before prod', async () => {
  const form = page.getByRole('form', { name: 'New environment' });
  for (const [name, kind] of [
    ['dev', 'NON_PROD'],
    ['prod', 'PROD'],
    ['staging', 'NON_PROD'],
  ]) {
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Kind').selectOption(kind);
    await form.getByRole('button', { name: 'Create environment' }).click();
    await page.getByText(`Created environment ${name}.`).waitFor();
    await page.locator(`tr[data-environment="${name}"]`).waitFor();
  }
  expect((await environmentOrder()).join() === 'dev,prod,staging', `created in order: ${await environmentOrder()}`);
  await dragTo(page.getByLabel('Drag staging'), page.locator('tr[data-environment="prod"]'));
  await page.getByText('Environments are now in this order: dev, staging, prod.').waitFor();
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('table[aria-label="Environments"] tbody tr')]
        .map((r) => r.dataset.environment)
        .join() === 'dev,staging,prod',
  );
  await page.screenshot({ path: join(SHOTS, 'settings-environments.png') });
});

await check("shows the server's refusal of a bad name next to the Name field", async () => {
  const form = page.getByRole('form', { name: 'New environment' });
  const name = form.getByLabel('Name');
  await name.fill('Stage 2');
  await form.getByRole('button', { name: 'Create environment' }).click();
  await page.waitForFunction(
    () => document.getElementById('environment-name')?.getAttribute('aria-invalid') === 'true',
  );
  const problem = await problemOf(name);
  expect(/environment name "Stage 2" is invalid/.test(problem), `the problem is at the field: ${problem}`);
  await name.fill('');
});

await mustPass('creates a product with its template, after the server points at its JSONPath', async () => {
  await settingsTab('Products').click();
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Create product' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(PRODUCT);
  await dialog.getByLabel('Version file').fill('values.yaml');
  await dialog.getByLabel('Version JSONPath').fill('image.tag');
  await dialog.getByRole('button', { name: 'Add values to copy' }).click();
  await dialog.getByLabel('Files 1').fill('values.yaml');
  await dialog.getByLabel('JSONPaths 1').fill('$.image.tag');
  await dialog.getByRole('button', { name: 'Create product' }).click();
  const jsonPath = dialog.getByLabel('Version JSONPath');
  await page.waitForFunction(
    () => document.getElementById('product-version-path')?.getAttribute('aria-invalid') === 'true',
  );
  const problem = await problemOf(jsonPath);
  expect(/is not a JSONPath/.test(problem), `the server's refusal is at the JSONPath: ${problem}`);
  await jsonPath.fill('$.image.tag');
  await dialog.getByRole('button', { name: 'Create product' }).click();
  await page.getByText(`Created product ${PRODUCT}.`, { exact: false }).waitFor();
  await page.locator(`tr[data-product="${PRODUCT}"]`).waitFor();
});

await mustPass('creates one application per environment, each checked against its repository first', async () => {
  await settingsTab('Applications').click();
  await page.getByRole('heading', { name: 'Applications', level: 1 }).waitFor();
  for (const environment of ['dev', 'staging', 'prod']) {
    await page.getByRole('button', { name: 'Create application' }).first().click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Product').selectOption(PRODUCT);
    await dialog.getByLabel('Environment').selectOption(environment);
    expect(
      (await dialog.getByLabel('Name').inputValue()) === `${PRODUCT}-${environment}`,
      'the name is offered from the product and the environment',
    );
    await dialog.getByLabel('Repository').fill(REPOS[environment]);
    const result = dialog.getByRole('status', { name: 'Check result' });
    if (environment === 'dev') {
      await dialog.getByLabel('Branch').fill('release');
      await dialog.getByRole('button', { name: 'Check' }).click();
      await result.waitFor();
      const missing = await result.innerText();
      expect(/branch "release" does not exist/.test(missing), `a missing branch is named: ${missing}`);
      await dialog.getByLabel('Branch').fill('main');
    }
    await dialog.getByRole('button', { name: 'Check' }).click();
    await result.waitFor();
    const found = await result.innerText();
    const tag = environment === 'dev' ? DEV_TAG : RELEASED_TAG;
    expect(found.includes(`version ${tag} found`), `the check finds ${tag} in ${environment}: ${found}`);
    if (environment === 'dev') await page.screenshot({ path: join(SHOTS, 'settings-application-check.png') });
    await dialog.getByRole('button', { name: 'Create application' }).click();
    await page.getByText(`Created application ${PRODUCT}-${environment}.`).waitFor();
    await page.locator(`tr[data-application="${PRODUCT}-${environment}"]`).waitFor();
  }
});

await check('previews the template in each application while it is edited', async () => {
  await settingsTab('Products').click();
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  await page.getByRole('button', { name: `Edit ${PRODUCT}`, exact: true }).click();
  const preview = page.getByRole('region', { name: 'Template preview' });
  for (const [environment, tag] of [
    ['dev', DEV_TAG],
    ['staging', RELEASED_TAG],
    ['prod', RELEASED_TAG],
  ]) {
    const row = preview.locator(`tr[data-preview="${environment}"]`);
    await row.waitFor();
    await row.getByText(`= ${tag}`).waitFor();
  }
  await page.screenshot({ path: join(SHOTS, 'settings-template-preview.png') });
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
});

await mustPass('builds a flow dev -> staging -> prod in the flow builder', async () => {
  await nav('Promotion Flows').click();
  await page.getByRole('button', { name: 'Add Promotion Flow' }).first().click();
  await page.getByRole('heading', { name: 'Add Promotion Flow' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill(FLOW);
  await page.getByLabel('Trigger Environment').selectOption('dev');
  for (const [after, target] of [
    ['dev', 'staging'],
    ['staging', 'prod'],
  ]) {
    await page.getByRole('button', { name: `Add a target environment after ${after}` }).click();
    await page
      .getByRole('group', { name: `Environments to add after ${after}` })
      .getByRole('button', { name: target, exact: true })
      .click();
    await page.locator(`[data-flow-node="${target}"]`).waitFor();
  }
  await page.getByRole('button', { name: 'Save Promotion Flow' }).click();
  await page.getByRole('heading', { name: 'Promotion Flows', level: 1 }).waitFor();
  const row = page.locator(`tr[data-flow="${FLOW}"]`);
  await row.waitFor();
  const text = await row.innerText();
  expect(text.includes('dev → staging → prod'), `the flow runs dev, staging, prod: ${text}`);
});

await check('refuses to delete staging while the flow uses it, and says so', async () => {
  await nav('Settings').click();
  await page.getByRole('heading', { name: 'Environments', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Delete staging' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Delete environment' }).click();
  const alert = dialog.getByRole('alert');
  await alert.waitFor();
  const text = await alert.innerText();
  expect(
    /staging was not deleted/.test(text) && /still used by .*promotion flow "ship"/.test(text),
    `the refusal names the flow: ${text}`,
  );
  await page.screenshot({ path: join(SHOTS, 'settings-environment-in-use.png') });
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await page.locator('tr[data-environment="staging"]').waitFor();
});

await check('triggers the flow and watches dev, staging and prod succeed', async () => {
  await nav('Promotion Flows').click();
  await page.getByRole('button', { name: `Trigger ${FLOW}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: PRODUCT }).check();
  await dialog.getByRole('button', { name: 'Next' }).click();
  await dialog.getByRole('button', { name: 'Trigger', exact: true }).click();
  await dialog.getByRole('button', { name: 'View Release Details' }).click();
  await page.waitForURL(/\/releases\/[^/]+$/);
  for (const environment of ['dev', 'staging', 'prod']) {
    await page
      .locator(`[data-step="${environment}"][data-status="SUCCEEDED"]`)
      .first()
      .waitFor({ timeout: RELEASE_TIMEOUT });
  }
  await page.locator('[data-release-status="SUCCEEDED"]').waitFor({ timeout: RELEASE_TIMEOUT });
});

let secret = null;
await check('creates a token shown once, with a copy button, that works', async () => {
  await nav('Settings').click();
  await settingsTab('API tokens').click();
  const form = page.getByRole('form', { name: 'New API token' });
  await form.getByLabel('Name').fill('ci-shop');
  await form.getByLabel('Role').selectOption('PROMOTER');
  await form.getByRole('button', { name: 'Create token' }).click();
  const dialog = page.getByRole('dialog');
  secret = (await dialog.getByLabel('New token secret').innerText()).trim();
  expect(secret.length >= 20, 'a secret is shown');
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await dialog.getByText('Copied.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied === secret, 'Copy puts the secret on the clipboard');
  await dialog.getByRole('button', { name: 'I have stored it' }).click();
  await page.locator('tr[data-token="ci-shop"]').waitFor();
  expect(!(await page.content()).includes(secret), 'the secret is not shown again');
  const response = await asToken(secret, '{ me { name role } }');
  const body = await response.json();
  expect(
    response.status === 200 && body.data?.me?.name === 'ci-shop' && body.data.me.role === 'PROMOTER',
    `a request with the token succeeds: ${response.status} ${JSON.stringify(body)}`,
  );
});

await check('revokes the token, which then gets 401', async () => {
  expect(secret, 'the token was created');
  await page.getByRole('button', { name: 'Revoke ci-shop' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await page.getByText('Revoked ci-shop', { exact: false }).waitFor();
  const deadline = Date.now() + 15_000;
  let status = 0;
  while (Date.now() < deadline) {
    status = (await asToken(secret, '{ me { name } }')).status;
    if (status === 401) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  expect(status === 401, `the revoked token is refused with 401, got ${status}`);
});

await check('reads who changed what in the audit log, filtered by kind', async () => {
  await settingsTab('Audit log').click();
  await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
  await page.getByLabel('Kind of change').selectOption('createApplication');
  await page.waitForFunction(() => {
    const rows = [...document.querySelectorAll('table[aria-label="Audit log"] tbody tr')];
    return rows.length === 3 && rows.every((r) => r.dataset.audit === 'createApplication');
  });
  const text = await page.getByRole('table', { name: 'Audit log' }).innerText();
  expect(text.includes('admin') && text.includes(`${PRODUCT}-prod`), `who and what are listed: ${text}`);
  await page.screenshot({ path: join(SHOTS, 'settings-audit-log.png') });
});

await check('leaves no errors in the browser console', async () => {
  expect(consoleErrors.length === 0, `console errors:\n${consoleErrors.join('\n')}`);
});

await finish();
