import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq, inArray } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { type Database, migrate, openDatabase } from '../db/index.js';
import { createTestDatabase, type TestDatabase } from '../db/testing.js';
import { createQueue } from '../queue/index.js';
import { outboxEvents } from './events.tables.js';
import { createEventBus, type DomainEvent } from './index.js';

const writer = path.join(path.dirname(fileURLToPath(import.meta.url)), 'testing', 'burst-writer.ts');

/** Runs the burst writer against `target`, SIGKILLs it after `commits` commits, returns the ids it reported. */
function burstThenKill(target: string, commits: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, target], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const committed: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines)
        if (line.startsWith('committed ')) committed.push(line.slice('committed '.length));
      if (committed.length >= commits && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(committed);
      else reject(new Error(`writer exited by itself before the kill: ${stderr}`));
    });
  });
}

async function deliverAll(database: Database, expected: number): Promise<DomainEvent[]> {
  const logger = pino({ level: 'silent' });
  const queue = createQueue({ database, logger, schedule: false });
  await queue.start();
  const delivered: DomainEvent[] = [];
  const bus = createEventBus({ database, queue, logger });
  bus.subscribe({
    name: 'test.crash-recorder',
    eventType: 'test.burst.written',
    handle: async (event) => void delivered.push(event),
  });
  await bus.start({ pollIntervalMs: 50 });
  const deadline = Date.now() + 60_000;
  while (delivered.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await bus.stop();
  await queue.stop(1000);
  return delivered;
}

async function assertNothingLost(database: Database, committed: string[]) {
  expect(committed.length).toBeGreaterThanOrEqual(30);
  const stored = await database.db
    .select({ id: outboxEvents.id })
    .from(outboxEvents)
    .where(inArray(outboxEvents.id, committed));
  expect(stored.length).toBe(committed.length);
  // No torn transaction: every written event has its shadow, and vice versa.
  const written = await database.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.type, 'test.burst.written'));
  const shadows = await database.db
    .select()
    .from(outboxEvents)
    .where(eq(outboxEvents.type, 'test.burst.shadow'));
  expect(new Set(shadows.map((s) => s.payload.of))).toEqual(new Set(written.map((w) => w.id)));
  // After restart, every committed event reaches its handler exactly once.
  const delivered = await deliverAll(database, written.length);
  expect(delivered.map((event) => event.id).sort()).toEqual(written.map((event) => event.id).sort());
  expect(committed.every((id) => delivered.some((event) => event.id === id))).toBe(true);
}

describe('a process killed with SIGKILL during a burst of writes', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  if (loadConfig({ ...process.env, NODE_ENV: 'test' }).databaseUrl) {
    it('loses no committed event on Postgres', async () => {
      const database: TestDatabase = await createTestDatabase();
      cleanups.push(() => database.destroy());
      const engine = database.engine;
      if (engine.kind !== 'postgres') throw new Error('expected Postgres');
      const committed = await burstThenKill(engine.connectionString, 40);
      await assertNothingLost(database, committed);
    });
  }

  it('loses no committed event on embedded PGlite, and the data directory opens again', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'atelier-crash-'));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const setup = await openDatabase({ dataDir });
    await migrate(setup);
    await setup.close();
    const committed = await burstThenKill(dataDir, 40);
    const reopened = await openDatabase({ dataDir });
    cleanups.unshift(() => reopened.close());
    await assertNothingLost(reopened, committed);
  });
});
