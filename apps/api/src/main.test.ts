import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from './demo/people.js';

interface StudioPage {
  items: { slug: string }[];
}

const mainFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Loaded into the child before main.ts: it exits when its stdin closes, which happens however this test
 * process ends (even killed), so an interrupted run never leaves a demo app running and holding CPU.
 */
const EXIT_WITH_PARENT = `data:text/javascript,${encodeURIComponent(
  "process.stdin.on('end', () => process.exit(1)).resume();",
)}`;

/** Starts the real entry point on an embedded data directory (PGlite), as `npm start` does. */
async function start(dataDir: string, port: number): Promise<{ child: ChildProcess; output: () => string }> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', EXIT_WITH_PARENT, mainFile], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'development',
      PORT: String(port),
      ATELIER_DATA_DIR: dataDir,
      SERVE_WEB: 'false',
      LOG_LEVEL: 'warn',
    },
    // stdin stays open (never written) for as long as this process lives: see EXIT_WITH_PARENT.
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited early:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`).catch(() => undefined);
    if (ready?.status === 200) return { child, output: () => output };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`not ready in time:\n${output}`);
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('the process (npm start on the embedded database)', () => {
  let dataDir = '';
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('seeds the demo studios once, shuts down cleanly on Ctrl-C, and keeps its data across restarts', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'atelier-main-'));
    const port = await freePort();

    const first = await start(dataDir, port);
    expect(first.output()).toContain(`http://localhost:${port}/qr-studios`);
    const studios = (await (
      await fetch(`http://127.0.0.1:${port}/api/v1/studios?limit=100`)
    ).json()) as StudioPage;
    expect(studios.items.map((studio) => studio.slug).sort()).toEqual([
      'electric-muse',
      'focusflow-demo',
      'qr-studios',
      'tysun-mike-productions',
      'volt-supply',
    ]);
    // The printed demo sign-ins work: an owner signs in and sees their studio.
    expect(first.output()).toContain('krit@qr-studios.test');
    const signIn = await fetch(`http://127.0.0.1:${port}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: `http://localhost:${port}` },
      body: JSON.stringify({ email: 'krit@qr-studios.test', password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ');
    const mine = (await (
      await fetch(`http://127.0.0.1:${port}/api/v1/me/studios`, { headers: { cookie } })
    ).json()) as { items: { studio: { slug: string }; role: string }[] };
    expect(mine.items).toContainEqual({
      studio: expect.objectContaining({ slug: 'qr-studios' }),
      role: 'owner',
    });

    const exited = exitOf(first.child);
    first.child.kill('SIGINT');
    expect(await exited).toBe(0);

    const second = await start(dataDir, port);
    try {
      const again = (await (
        await fetch(`http://127.0.0.1:${port}/api/v1/studios?limit=100`)
      ).json()) as StudioPage;
      expect(again.items).toHaveLength(5);
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/studios/qr-studios/catalog/items`);
      const items = (await response.json()) as { items: { price: { currency: string } }[] };
      expect(items.items.length).toBeGreaterThan(0);
      expect(items.items[0]?.price.currency).toBe('THB');
    } finally {
      const stopped = exitOf(second.child);
      second.child.kill('SIGTERM');
      expect(await stopped).toBe(0);
    }
  }, 120_000);
});
