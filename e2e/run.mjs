// Smoke and journeys in real Chromium against a freshly started, already built app.
//   node e2e/run.mjs              all checks
//   node e2e/run.mjs storefront   only checks whose name contains "storefront"
//   E2E_BASE_URL=http://127.0.0.1:3000 node e2e/run.mjs   against an app that is already running
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { startApp } from './lib/app.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const E2E_DIR = path.join(ROOT, 'e2e');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * The smoke checks, then every e2e/journeys/*.mjs (each exports `checks: { name, run(ctx) }[]`), by
 * their optional `order` export (default 0), then by name. identity.mjs runs last (order 100): it ends
 * by tripping the per-address sign-in lockout, and every browser here signs in from 127.0.0.1.
 */
async function loadChecks() {
  const modules = [
    { source: 'smoke', module: await import(pathToFileURL(path.join(E2E_DIR, 'smoke.mjs')).href) },
  ];
  const journeys = await readdir(path.join(E2E_DIR, 'journeys')).catch(() => []);
  const loaded = [];
  for (const file of journeys.filter((name) => name.endsWith('.mjs')).sort()) {
    const module = await import(pathToFileURL(path.join(E2E_DIR, 'journeys', file)).href);
    loaded.push({ source: path.basename(file, '.mjs'), module });
  }
  loaded.sort((a, b) => (a.module.order ?? 0) - (b.module.order ?? 0) || a.source.localeCompare(b.source));
  const checks = [];
  for (const { source, module } of [...modules, ...loaded]) {
    for (const check of module.checks) checks.push({ ...check, name: `${source}: ${check.name}` });
  }
  return checks;
}

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

async function main() {
  const filter = process.argv[2];
  const checks = (await loadChecks()).filter((check) => !filter || check.name.includes(filter));
  let passed = 0;
  let failed = 0;
  let app;
  let browser;

  let interrupted = false;
  let stopping;
  // Once only, however many ways it is asked for (a signal, then the finally below).
  const shutdown = () => {
    stopping ??= (async () => {
      await browser?.close().catch(() => {});
      await app?.stop();
    })();
    return stopping;
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      interrupted = true;
      console.log(`${signal}: stopping the app`);
      shutdown().finally(() => process.exit(130));
    });
  }

  try {
    if (process.env.E2E_BASE_URL) {
      app = { baseUrl: process.env.E2E_BASE_URL.replace(/\/+$/, ''), stop: async () => {}, log: () => '' };
    } else {
      const started = performance.now();
      app = await startApp(ROOT);
      console.log(`app ready at ${app.baseUrl} in ${seconds(started)}`);
    }
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_ARGS,
      // Playwright would otherwise exit on Ctrl-C itself, before the handler above has stopped the app.
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });

    const ctx = {
      baseUrl: app.baseUrl,
      browser,
      /** The captured SMTP mail (lib/mail.mjs); null against an already running app (E2E_BASE_URL). */
      mail: app.mail ?? null,
      screenshotDir: path.join(E2E_DIR, 'screenshots'),
      notes: [],
      note(message) {
        this.notes.push(message);
      },
      /** GET a JSON API path directly (the checks compare the pages with what the API says). */
      async api(pathname) {
        const response = await fetch(new URL(pathname, app.baseUrl));
        if (!response.ok)
          throw new Error(`GET ${pathname} answered ${response.status}: ${await response.text()}`);
        return response.json();
      },
    };

    for (const check of checks) {
      if (interrupted) break;
      const started = performance.now();
      ctx.notes = [];
      try {
        await check.run(ctx);
        passed += 1;
        console.log(`✓ ${check.name} (${seconds(started)})`);
      } catch (error) {
        failed += 1;
        console.log(
          `✗ ${check.name} (${seconds(started)})\n    ${String(error?.stack ?? error).replaceAll('\n', '\n    ')}`,
        );
      }
      for (const note of ctx.notes) console.log(`    note: ${note}`);
    }
  } catch (error) {
    failed += 1;
    console.log(`✗ setup\n    ${String(error?.stack ?? error).replaceAll('\n', '\n    ')}`);
  } finally {
    await shutdown();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

await main();
