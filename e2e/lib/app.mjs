import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startMailServer } from './mail.mjs';

const READY_TIMEOUT_MS = 120_000;

/** A free loopback port, asked of the kernel rather than guessed. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts the built app (API + web in one process) on a fresh data directory with the demo studios,
 * and resolves once GET /api/ready answers 200. `stop()` kills it and removes the data directory.
 * Mail goes to a capturing SMTP server (`mail`, see mail.mjs) so journeys can follow emailed links.
 * `env` overrides the environment below, e.g. a journey that needs a low rate limit starts its own app.
 */
export async function startApp(root, { env = {} } = {}) {
  const main = path.join(root, 'apps/api/dist/main.js');
  for (const built of [
    main,
    path.join(root, 'packages/sdk/dist/index.js'),
    path.join(root, 'apps/web/.next/BUILD_ID'),
  ]) {
    if (!existsSync(built))
      throw new Error(`${path.relative(root, built)} is missing: run \`npm run build\` first`);
  }
  const port = await freePort();
  const mail = await startMailServer();
  const dataDir = await mkdtemp(path.join(tmpdir(), 'atelier-e2e-'));
  const output = [];
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      ATELIER_DATA_DIR: dataDir,
      NODE_ENV: 'production',
      APP_SECRET: randomBytes(36).toString('base64url').slice(0, 48),
      SEED_DEMO: 'true',
      // A demo deployment: the journeys pay with the sandbox's test cards.
      PAYMENTS_SANDBOX: 'true',
      // Every test browser connects from 127.0.0.1, so the default 600 requests a minute per address is
      // one budget for all journeys together. (Server-side renders count against the visitor they
      // render for, which is that same address here. The sign-in lockout the identity journey trips is
      // a separate, per-account and per-address mechanism.)
      RATE_LIMIT_PER_MINUTE: '100000',
      SMTP_URL: mail.url,
      // The address the browser uses: emailed links point at it and it is the origin writes must come from.
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dataDir, { recursive: true, force: true });
    await mail.stop();
  };
  const log = () => Buffer.concat(output).toString('utf8');
  const baseUrl = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let early;
  exited.then((status) => {
    early = status;
  });
  while (Date.now() < deadline) {
    if (early) break;
    try {
      const response = await fetch(`${baseUrl}/api/ready`, { signal: AbortSignal.timeout(5_000) });
      if (response.status === 200) return { baseUrl, stop, log, mail };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  const reason = early
    ? `exited (${early.signal ?? `code ${early.code}`})`
    : `not ready after ${READY_TIMEOUT_MS / 1000} s`;
  throw new Error(`The app ${reason}. Its output:\n${log()}`);
}
