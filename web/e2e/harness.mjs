// What every browser test needs: a fresh headless Chromium (Debian's, never a downloaded one) driven by
// playwright-core, named checks that screenshot a failure and carry on, and GraphQL as a given token.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const BASE = (process.env.BATON_URL ?? 'http://localhost:8080').replace(/\/$/, '');
export const TOKEN = process.env.BATON_TOKEN;
export const RELEASE_TIMEOUT = Number(process.env.RELEASE_TIMEOUT_MS ?? 90_000);

export function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/** A GraphQL request as the given token; throws on errors unless `allowErrors`. */
export async function gql(token, query, variables = {}, { allowErrors = false } = {}) {
  const response = await fetch(`${BASE}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors && !allowErrors) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body;
}

/**
 * Opens a browser with a fresh profile; `check` runs one named step, `mustPass` one that the later steps build on
 * (when it fails they are reported as not run), `finish` reports and exits. Options: `viewport`, `permissions`
 * granted to Baton's origin, and `ignoreConsole`, a pattern of console errors that are expected answers.
 */
export async function openBrowser(
  shots,
  { viewport = { width: 1280, height: 800 }, permissions = [], ignoreConsole } = {},
) {
  if (!TOKEN) {
    console.error('BATON_TOKEN is required');
    process.exit(2);
  }
  mkdirSync(shots, { recursive: true });
  const profile = mkdtempSync(join(tmpdir(), 'baton-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
  });
  if (permissions.length) await context.grantPermissions(permissions, { origin: BASE });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !ignoreConsole?.test(msg.text()))
      consoleErrors.push(`${msg.text()} (${msg.location().url ?? ''})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));

  const results = [];
  let stop = false;
  async function check(name, body) {
    if (stop) {
      results.push({ name, ok: false });
      console.log(`not ok - ${name} (skipped: an earlier step it needs failed)`);
      return;
    }
    const started = Date.now();
    try {
      await body();
      results.push({ name, ok: true });
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      results.push({ name, ok: false });
      console.log(
        `not ok - ${name}\n  ${String(error?.stack ?? error)
          .split('\n')
          .slice(0, 6)
          .join('\n  ')}`,
      );
      await page
        .screenshot({ path: join(shots, `failed-${name.replace(/\W+/g, '-')}.png`), fullPage: true })
        .catch(() => {});
      // Start the next check from a clean page: no dialog left open, the dashboard loaded.
      await page.keyboard.press('Escape').catch(() => {});
      await page.goto(`${BASE}/`).catch(() => {});
    }
  }

  async function mustPass(name, body) {
    await check(name, body);
    if (!results[results.length - 1].ok) stop = true;
  }

  async function finish() {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    const failed = results.filter((r) => !r.ok).length;
    console.log(`${results.length - failed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  }

  return { page, check, mustPass, finish, consoleErrors };
}
