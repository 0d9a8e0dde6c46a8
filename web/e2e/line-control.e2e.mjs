// End-to-end: line control in a real headless Chromium against a running Baton started with --demo: a freeze
// window made in Settings shows as the dashboard's banner and holds prod until an administrator overrides it; the
// pause switch pauses and resumes qa; a cell is pinned and unpinned; a cell's history lists its versions, and a
// rollback shows its diff and makes the release.
//
//   BATON_URL=http://localhost:8080 BATON_TOKEN=... node e2e/line-control.e2e.mjs
//   CHROMIUM (default /usr/bin/chromium), SCREENSHOTS (default ../target/screenshots)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, expect, gql, openBrowser, RELEASE_TIMEOUT, TOKEN } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const SHOTS = resolve(process.env.SCREENSHOTS ?? join(here, '../../target/screenshots'));
const FLOW = 'multi-env-sequential-promotion';
const PRODUCT = 'demo-trioapp';
const WINDOW = 'e2e-freeze';
const { page, check, finish, consoleErrors } = await openBrowser(SHOTS);

const nav = (name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true });
const header = (environment) => page.locator(`th[data-environment="${environment}"]`);
const cell = (environment) => page.locator(`td[data-cell="${PRODUCT}/${environment}"]`);
const banner = () => page.getByRole('region', { name: 'Freeze windows open now' });

async function waitForStep(environment, status) {
  await page
    .locator(`[data-step="${environment}"][data-status="${status}"]`)
    .first()
    .waitFor({ timeout: RELEASE_TIMEOUT });
}

async function triggerQuickStart() {
  const { data } = await gql(
    TOKEN,
    'mutation($flow: String!, $product: String!) { triggerPromotionFlow(input: {flow: $flow, product: $product}) { id } }',
    { flow: FLOW, product: PRODUCT },
  );
  return data.triggerPromotionFlow.id;
}

async function openRelease(id) {
  await page.goto(`${BASE}/releases/${encodeURIComponent(id)}`);
  await page.locator('[data-release-status]').waitFor();
}

async function dashboard() {
  await nav('Products').click();
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  await cell('prod').locator('[data-version-of]').waitFor();
}

/** A datetime-local value in the browser's time zone, `minutes` from now. */
async function localTime(minutes) {
  return page.evaluate((m) => {
    const at = new Date(Date.now() + m * 60_000);
    const pad = (n) => String(n).padStart(2, '0');
    return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
  }, minutes);
}

/** A new build in dev's repository: its image tag moves to `tag` (the file Baton's template promotes). */
async function buildInDev(tag) {
  const { data } = await gql(TOKEN, `{ application(name: "${PRODUCT}-dev") { repoUrl branch } }`);
  const work = mkdtempSync(join(tmpdir(), 'baton-e2e-dev-'));
  try {
    const git = (...args) =>
      execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@baton.localhost', ...args], {
        cwd: work,
        stdio: 'pipe',
      });
    git('clone', '--quiet', '--branch', data.application.branch, data.application.repoUrl, '.');
    const values = readFileSync(join(work, 'values.yaml'), 'utf8');
    writeFileSync(join(work, 'values.yaml'), values.replace(/tag: "[^"]*"/, `tag: "${tag}"`));
    git('commit', '--quiet', '-am', `Build ${tag} of trioapp`);
    git('push', '--quiet', 'origin', data.application.branch);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await check('signs in as an administrator', async () => {
  await page.goto(`${BASE}/`);
  await page.getByLabel('API token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  expect((await banner().count()) === 0, 'no freeze banner while no window is open');
});

await check(
  "adds a freeze window in Settings, the server's refusal of a cron shown next to the Cron field",
  async () => {
    await nav('Settings').click();
    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Freeze windows' }).click();
    await page.getByRole('heading', { name: 'Freeze windows', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add freeze window' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add freeze window' });
    await dialog.getByLabel('Name').fill(WINDOW);
    await dialog.getByRole('checkbox', { name: 'prod' }).check();
    await dialog.getByRole('radio', { name: /Recurring/ }).check();
    await dialog.getByRole('textbox', { name: 'Cron' }).fill('0 15 * * FRIDAY');
    await dialog.getByLabel('Duration', { exact: true }).fill('66');
    await dialog.getByLabel('Time zone').fill('Europe/Berlin');
    await dialog.getByLabel('Reason').fill('e2e: prod is on fire');
    await dialog.getByRole('button', { name: 'Add freeze window' }).click();
    const problem = dialog.locator('#freeze-cron-problem');
    await problem.waitFor();
    const said = await problem.innerText();
    expect(/cron/.test(said) && /FRIDAY/.test(said), `the server's message is next to the Cron field: ${said}`);

    await dialog.getByRole('radio', { name: /Once/ }).check();
    await dialog.getByLabel('Start', { exact: true }).fill(await localTime(-5));
    await dialog.getByLabel('End', { exact: true }).fill(await localTime(120));
    await dialog.getByRole('button', { name: 'Add freeze window' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Added freeze window ${WINDOW}.` })
      .waitFor();
    const card = page.locator(`section[data-freeze-window="${WINDOW}"]`);
    await card.getByText('Open now').waitFor();
    await page.screenshot({ path: join(SHOTS, 'freeze-windows.png'), fullPage: true });
  },
);

await check(
  'the dashboard shows a banner naming the open window, its environment, its reason and its end',
  async () => {
    await dashboard();
    const text = await banner().innerText();
    for (const expected of [`Frozen: ${WINDOW} on prod until `, ': e2e: prod is on fire']) {
      expect(text.includes(expected), `the banner says ${expected}: ${text}`);
    }
    await page.screenshot({ path: join(SHOTS, 'dashboard-freeze-banner.png') });
  },
);

let firstRelease = null;
await check(
  'a release waits at prod naming the window; an administrator overrides the freeze with a reason',
  async () => {
    firstRelease = await triggerQuickStart();
    await openRelease(firstRelease);
    await waitForStep('qa', 'SUCCEEDED');
    await waitForStep('prod', 'SUSPENDED');
    const held = page.locator('[data-held-step="prod"]');
    await held.waitFor();
    expect((await held.innerText()).includes(`Frozen by window ${WINDOW}`), 'the held step names the window');
    await held.getByRole('button', { name: 'Override freeze for prod…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Why it may go through the freeze/).fill('e2e: the fix for the fire');
    await dialog.getByRole('button', { name: 'Override freeze' }).click();
    await waitForStep('prod', 'SUCCEEDED');
    await page.locator('[data-release-status="SUCCEEDED"]').waitFor({ timeout: RELEASE_TIMEOUT });
  },
);

await check('deleting the window in Settings takes the banner away', async () => {
  await nav('Settings').click();
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Freeze windows' }).click();
  await page.getByRole('button', { name: `Delete ${WINDOW}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete freeze window' }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Deleted freeze window ${WINDOW}` })
    .waitFor();
  await dashboard();
  expect((await banner().count()) === 0, 'no banner once the window is gone');
});

let secondRelease = null;
await check('the pause switch pauses qa with a reason, holds a release before qa, and resumes it', async () => {
  await buildInDev('1.2.0');
  await dashboard();
  await header('qa').getByRole('button', { name: 'Pause qa…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Pause qa?' });
  await dialog.getByLabel(/^Why/).fill('e2e incident 42');
  await dialog.getByRole('button', { name: 'Pause', exact: true }).click();
  await header('qa').getByText('Paused', { exact: true }).waitFor();
  expect((await header('qa').innerText()).includes('e2e incident 42'), 'the header says why qa is paused');
  await page.screenshot({ path: join(SHOTS, 'dashboard-paused.png') });

  secondRelease = await triggerQuickStart();
  await openRelease(secondRelease);
  await waitForStep('qa', 'SUSPENDED');
  const held = page.locator('[data-held-step="qa"]');
  await held.waitFor();
  const text = await held.innerText();
  expect(text.includes('qa is paused by') && text.includes('e2e incident 42'), `the step says why: ${text}`);
  expect((await held.getByRole('button').count()) === 0, 'no Override freeze for a pause');

  await dashboard();
  await header('qa').getByRole('button', { name: 'Resume qa' }).click();
  await header('qa').getByRole('button', { name: 'Pause qa…' }).waitFor();
  expect((await header('qa').getByText('Paused', { exact: true }).count()) === 0, 'qa is no longer paused');
  await openRelease(secondRelease);
  await waitForStep('prod', 'SUCCEEDED');
  await page.locator('[data-release-status="SUCCEEDED"]').waitFor({ timeout: RELEASE_TIMEOUT });
});

await check("pins prod's cell with a reason and unpins it", async () => {
  await dashboard();
  await cell('prod')
    .getByRole('button', { name: `Pin ${PRODUCT} in prod…` })
    .click();
  const dialog = page.getByRole('dialog', { name: `Pin ${PRODUCT} in prod?` });
  await dialog.getByLabel(/^Why/).fill('e2e: keep 1.2.0 until the fix');
  await dialog.getByRole('button', { name: 'Pin', exact: true }).click();
  await cell('prod').getByLabel(`${PRODUCT} in prod is pinned`).waitFor();
  expect((await cell('prod').innerText()).includes('e2e: keep 1.2.0 until the fix'), 'the cell says why');
  await page.screenshot({ path: join(SHOTS, 'dashboard-pinned.png') });
  await cell('prod')
    .getByRole('button', { name: `Unpin ${PRODUCT} in prod` })
    .click();
  await cell('prod')
    .getByRole('button', { name: `Pin ${PRODUCT} in prod…` })
    .waitFor();
  expect((await cell('prod').getByLabel(`${PRODUCT} in prod is pinned`).count()) === 0, 'the pin is gone');
});

await check("prod's history lists the versions, newest first, with the releases that brought them", async () => {
  await dashboard();
  await cell('prod')
    .getByRole('button', { name: `History of ${PRODUCT} in prod` })
    .click();
  const dialog = page.getByRole('dialog', { name: `History of ${PRODUCT} in prod` });
  await dialog.locator('tr[data-history-version]').nth(1).waitFor();
  const versions = await dialog
    .locator('tr[data-history-version]')
    .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-history-version'), r.getAttribute('data-release')]));
  expect(
    JSON.stringify(versions) ===
      JSON.stringify([
        ['1.2.0', secondRelease],
        ['1.1.0', firstRelease],
      ]),
    `the history: ${JSON.stringify(versions)}`,
  );
  await dialog.getByRole('link', { name: new RegExp(`#${firstRelease}$`) }).waitFor();
  await page.screenshot({ path: join(SHOTS, 'history.png') });
});

await check(
  'rolling prod back to the first release shows its diff first, then makes the Rollback release',
  async () => {
    const history = page.getByRole('dialog', { name: `History of ${PRODUCT} in prod` });
    await history.getByRole('button', { name: `Roll back to this: 1.1.0 of release ${firstRelease}` }).click();
    const dialog = page.getByRole('dialog', { name: `Roll back ${PRODUCT} in prod` });
    const change = dialog.locator('tr[data-change="values.yaml:$.image.tag"]');
    await change.waitFor();
    const row = await change.innerText();
    expect(row.includes('1.2.0') && row.includes('1.1.0'), `the value goes from 1.2.0 to 1.1.0: ${row}`);
    const diff = await dialog.getByLabel('Changes to values.yaml').innerText();
    expect(diff.includes('-  tag: "1.2.0"') && diff.includes('+  tag: "1.1.0"'), `the diff: ${diff}`);
    await page.screenshot({ path: join(SHOTS, 'rollback-preview.png') });
    await dialog.getByRole('button', { name: 'Roll back', exact: true }).click();
    await page.waitForURL(
      (url) => /\/releases\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith(`/${firstRelease}`),
    );
    await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Rollback' }).waitFor();
    await waitForStep('prod', 'SUCCEEDED');
    await page.locator('[data-release-status="SUCCEEDED"]').waitFor({ timeout: RELEASE_TIMEOUT });
    await dashboard();
    const version = await cell('prod').locator('[data-version-of]').innerText();
    expect(version.includes('1.1.0'), `prod is back at 1.1.0: ${version}`);
  },
);

await check('the release view offers Roll back to this for each environment the release committed into', async () => {
  await openRelease(secondRelease);
  await page.getByRole('button', { name: 'Roll back qa to this' }).waitFor();
  await page.getByRole('button', { name: 'Roll back prod to this' }).waitFor();
  expect((await page.getByRole('button', { name: 'Roll back dev to this' }).count()) === 0, 'not the trigger step');
});

await check('a viewer sees the pause and the pin with their reasons, and none of the controls', async () => {
  await gql(TOKEN, 'mutation { pauseEnvironment(name: "qa", reason: "e2e: seen by a viewer") { name } }');
  await gql(TOKEN, `mutation { pinApplication(name: "${PRODUCT}-prod", reason: "e2e: pinned for a viewer") { name } }`);
  const { data } = await gql(
    TOKEN,
    'mutation($name: String!) { createApiToken(input: {name: $name, role: VIEWER}) { token } }',
    { name: `e2e-line-viewer-${Date.now().toString(36)}` },
  );
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API token').fill(data.createApiToken.token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  await page.goto(`${BASE}/`);
  await page.getByRole('heading', { name: 'Products', level: 1 }).waitFor();
  await header('qa').getByText('e2e: seen by a viewer').waitFor();
  await cell('prod').getByText('e2e: pinned for a viewer').waitFor();
  for (const name of [/^Pause /, /^Resume /, /^Pin /, /^Unpin /]) {
    expect((await page.getByRole('button', { name }).count()) === 0, `a viewer sees no ${name} button`);
  }
  await cell('prod')
    .getByRole('button', { name: `History of ${PRODUCT} in prod` })
    .click();
  const history = page.getByRole('dialog', { name: `History of ${PRODUCT} in prod` });
  await history.locator('tr[data-history-version]').first().waitFor();
  expect((await history.getByRole('button', { name: /Roll back/ }).count()) === 0, 'a viewer cannot roll back');
  await page.keyboard.press('Escape');
  await gql(TOKEN, 'mutation { resumeEnvironment(name: "qa") { name } }');
  await gql(TOKEN, `mutation { unpinApplication(name: "${PRODUCT}-prod") { name } }`);
});

await check('leaves no errors in the browser console', async () => {
  expect(consoleErrors.length === 0, `console errors:\n${consoleErrors.join('\n')}`);
});

await finish();
