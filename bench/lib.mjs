// Shared by every benchmark script (run.mjs, identity.mjs, catalog.mjs, checkout.mjs, lighthouse.mjs):
// child processes that never outlive the script, the built app on a free loopback port, throwaway
// Postgres databases, autocannon runs next to a bare-Fastify ceiling, and the json + markdown results.
// Each script keeps only its own scenarios and its own table.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const APP_MAIN = path.join(ROOT, 'apps/api/dist/main.js');
export const HELLO_MAIN = path.join(ROOT, 'bench/hello.mjs');
export const RESULTS_DIR = path.join(ROOT, 'bench/results');
export const CONNECTIONS = 50;
export const READY_TIMEOUT_MS = 180_000;
// config.ts caps RATE_LIMIT_PER_MINUTE at 1,000,000; a fresh process per run stays far below it.
export const RATE_LIMIT = '1000000';

export function positiveInteger(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 600) {
    throw new Error(`${name} must be a whole number of seconds from 1 to 600 (got "${raw}")`);
  }
  return value;
}

export const DURATION_S = positiveInteger('BENCH_DURATION', 10);
// A short unrecorded run first, so the JIT and connection pools are warm when measuring starts.
export const WARMUP_S = Math.min(3, DURATION_S);

// ---- processes and cleanup -----------------------------------------------------------------------

const children = new Set();
export const tempDirs = new Set();
/** Async undo steps (drop the bench database, ...) run on a fatal error or signal, newest first. */
export const undo = [];

// Last resort on any exit: nothing may outlive the bench.
process.on('exit', () => {
  for (const child of children) killGroup(child, 'SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
]) {
  process.once(signal, () => abort(`received ${signal}`, code));
}

let aborting = false;
export async function abort(reason, code = 1) {
  if (aborting) return;
  aborting = true;
  console.error(`bench: ${reason}; stopping`);
  await Promise.allSettled([...children].map((child) => stop(child)));
  for (const step of undo.reverse()) await step().catch(() => {});
  process.exit(code);
}

export function killGroup(child, signal) {
  try {
    // Each child leads its own process group, so anything it spawned goes too.
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts `node <script>` with exactly the given environment, keeping the last lines of its output. */
export function launch(name, script, env) {
  const child = spawn(process.execPath, [script], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.label = name;
  child.tail = [];
  const keep = (chunk) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line) continue;
      child.tail.push(line);
      if (child.tail.length > 40) child.tail.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    });
  });
  children.add(child);
  return child;
}

/** SIGTERM (graceful shutdown), then SIGKILL if it has not exited within 15 s. */
export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
  await child.exited;
  clearTimeout(timer);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls url until it answers 200; fails early, with the child's output, if the child exits. */
export async function waitForOk(child, url, intervalMs) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${child.label} exited before ${url} answered 200:\n${child.tail.join('\n')}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer 200 within ${READY_TIMEOUT_MS} ms:\n${child.tail.join('\n')}`);
}

// ---- the app ------------------------------------------------------------------------------------------

/**
 * A production-mode app on a free loopback port, with an environment built from scratch (nothing from
 * the caller's shell leaks in), the demo seed, logs at warn and a rate limit too high to trigger.
 */
export async function startAndWait({ name, dataDir, secret, databaseUrl, env: extraEnv = {}, pollMs = 50 }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: base,
    ATELIER_DATA_DIR: dataDir,
    APP_SECRET: secret,
    SEED_DEMO: 'true',
    RATE_LIMIT_PER_MINUTE: RATE_LIMIT,
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ...extraEnv,
  };
  const startedAt = performance.now();
  const child = launch(name, APP_MAIN, env);
  await waitForOk(child, `${base}/api/ready`, pollMs);
  return { child, base, readyMs: performance.now() - startedAt };
}

/** Bare Fastify (bench/hello.mjs) in its own process while `fn(base)` runs. */
export async function withHello(fn) {
  const port = await freePort();
  const hello = launch('hello', HELLO_MAIN, { PATH: process.env.PATH ?? '', PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(hello, `${base}/`, 50);
    return await fn(base);
  } finally {
    await stop(hello);
  }
}

export async function withBenchDatabase(serverUrl, fn) {
  const name = `atelier_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const drop = () => admin(`drop database if exists ${name} with (force)`);
  undo.push(drop);
  try {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    undo.splice(undo.indexOf(drop), 1);
    await drop();
  }
}

// ---- measuring ----------------------------------------------------------------------------------------

/** A scenario must work before it is measured: one request has to answer 200, or the run stops. */
export async function expectOk(label, url, init) {
  const response = await fetch(url, init);
  const body = await response.text();
  if (response.status !== 200) {
    throw new Error(
      `${label}: ${init?.method ?? 'GET'} ${url} answered ${response.status}: ${body.slice(0, 300)}`,
    );
  }
  return body;
}

/** A warm-up, then the recorded autocannon run; `request` is autocannon's url/method/headers/body. */
// ---- where the CPU went -------------------------------------------------------------------------------

const CLOCK_TICKS_PER_S = 100; // USER_HZ: the unit of /proc/<pid>/stat times on Linux

/**
 * CPU seconds used so far, split by who used them: the server under test (the built app or the bare
 * Fastify ceiling, both children of this script), Postgres (every process named postgres), this
 * script (autocannon runs in it: the load generator), and the whole machine (busy and all, from
 * /proc/stat, so that other work on a shared machine shows). null off Linux.
 */
function cpuSnapshot() {
  if (!existsSync('/proc/stat')) return null;
  // Per process, so that a process ending between two snapshots (a pooled Postgres connection closed
  // when idle) does not take its whole past away from the sum: deltas are taken per pid.
  const seconds = { server: new Map(), database: new Map() };
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let stat;
    let cmdline;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // ended while we looked
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const used = (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
    if (cmdline.includes(APP_MAIN) || cmdline.includes(HELLO_MAIN)) seconds.server.set(pid, used);
    else if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) === 'postgres')
      seconds.database.set(pid, used);
  }
  const usage = process.cpuUsage();
  const [, ...ticks] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = ticks.map(Number);
  return {
    ...seconds,
    loadGenerator: (usage.user + usage.system) / 1e6,
    machineBusy: (user + nice + system + irq + softirq + steal) / CLOCK_TICKS_PER_S,
    machineAll: (user + nice + system + idle + iowait + irq + softirq + steal) / CLOCK_TICKS_PER_S,
  };
}

/**
 * CPU ms per request of each part, and how busy the whole machine was (% of all its CPUs). A process
 * that ended before the second snapshot is not counted (its last moments are lost, never negative).
 */
function cpuPerRequest(before, after, requests) {
  if (!before || !after || requests === 0) return null;
  const used = (key) => {
    if (!(after[key] instanceof Map)) return after[key] - before[key];
    let total = 0;
    for (const [pid, seconds] of after[key]) total += seconds - (before[key].get(pid) ?? 0);
    return total;
  };
  const ms = (key) => Math.round((used(key) * 1000 * 1000) / requests) / 1000;
  const busy = (after.machineBusy - before.machineBusy) / (after.machineAll - before.machineAll);
  const parts = { server: ms('server'), database: ms('database'), loadGenerator: ms('loadGenerator') };
  const total = Math.round(((after.machineBusy - before.machineBusy) * 1000 * 1000) / requests) / 1000;
  return { ...parts, machine: total, machineBusyPct: Math.round(busy * 100) };
}

export async function measure(label, request, { connections = CONNECTIONS } = {}) {
  console.log(`bench: ${label}: warm-up ${WARMUP_S} s, then ${DURATION_S} s at ${connections} connections`);
  await autocannon({ ...request, connections: Math.min(10, connections), duration: WARMUP_S });
  const cpuBefore = cpuSnapshot();
  const result = await autocannon({ ...request, connections, duration: DURATION_S });
  const cpu = cpuPerRequest(cpuBefore, cpuSnapshot(), result.requests.total);
  const summary = {
    label,
    method: request.method ?? 'GET',
    path: new URL(request.url).pathname + new URL(request.url).search,
    connections,
    durationS: DURATION_S,
    requestsPerSec: result.requests.average,
    requestsTotal: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyAvgMs: result.latency.average,
    latencyMaxMs: result.latency.max,
    // Little's law: connections / mean latency. For slow requests (sign-in) at a short duration, the
    // ramp of 50 fresh connections drags autocannon's per-second average down; this is the steady rate.
    littleRatePerSec: result.latency.average > 0 ? connections / (result.latency.average / 1000) : null,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
    ),
    // CPU ms per request: the server, Postgres, the load generator, and the whole machine (which also
    // counts the kernel's loopback work and anything else running), with how busy the machine was.
    cpuMsPerRequest: cpu,
  };
  console.log(
    `bench: ${label}: ${summary.requestsPerSec.toFixed(0)} req/s, p50 ${summary.latencyP50Ms} ms, ` +
      `p99 ${summary.latencyP99Ms} ms, ${summary.errors} errors, ${summary.non2xx} non-2xx`,
  );
  return summary;
}

/**
 * Bare Fastify, measured before and after the app so that a burst of unrelated load on a shared machine
 * does not set the reference: the better run is the ceiling.
 */
export const measureCeiling = (label) =>
  withHello((base) => {
    console.log(`bench: ${label}: bare Fastify`);
    return measure(label, { url: `${base}/` });
  });

// ---- running a benchmark ------------------------------------------------------------------------------

/**
 * Runs `main` as the whole script: the built app must exist, a watchdog bounds the run, and the process
 * exits 0 when main resolves, or stops everything it started (children, bench databases) on any error.
 */
export function runBench(main, { watchdogMs }) {
  const run = async () => {
    if (!existsSync(APP_MAIN)) {
      throw new Error(`${path.relative(ROOT, APP_MAIN)} is missing: run \`npm run build\` first`);
    }
    setTimeout(() => abort(`watchdog: still running after ${watchdogMs / 1000} s`), watchdogMs).unref();
    await main();
  };
  run().then(
    () => process.exit(0),
    (error) => abort(error instanceof Error ? (error.stack ?? error.message) : String(error)),
  );
}

/** A new temporary directory, removed when the script exits. */
export function workDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * `measureEngine(engine, options)` on PGlite, then, when DATABASE_URL is set, on a throwaway database on
 * that Postgres server; `options` are startAndWait's (dataDir, secret, databaseUrl). Returns both blocks
 * (postgres is null when not measured) and the PGlite options: that data directory is migrated and
 * seeded afterwards, so the app can be restarted on it.
 */
export async function onEachEngine(prefix, measureEngine) {
  const dir = workDir(prefix);
  const pgliteOptions = { dataDir: path.join(dir, 'data'), secret: randomBytes(32).toString('hex') };
  const pglite = await measureEngine('PGlite', pgliteOptions);
  let postgres = null;
  if (process.env.DATABASE_URL) {
    postgres = await withBenchDatabase(process.env.DATABASE_URL, (databaseUrl) =>
      measureEngine('Postgres', {
        dataDir: path.join(dir, 'data-postgres'),
        secret: randomBytes(32).toString('hex'),
        databaseUrl,
      }),
    );
  }
  return { pglite, postgres, pgliteOptions };
}

/**
 * The ceiling before and after `measureApp()` (the better run is the reference), and what every
 * benchmark records around its own results: date, machine (load average at start), settings.
 */
export async function withCeiling(settings, measureApp) {
  const loadAverageAtStart = os.loadavg()[0];
  const before = await measureCeiling('ceiling (before)');
  const measured = await measureApp();
  const after = await measureCeiling('ceiling (after)');
  return {
    date: new Date().toISOString(),
    machine: { ...machine(), loadAverageAtStart },
    settings: { connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S, ...settings },
    ceiling: after.requestsPerSec > before.requestsPerSec ? after : before,
    ceilingRuns: [before, after],
    ...measured,
  };
}

/** bench/results/<name>.json (raw numbers) and <name>.md, plus any other files ({ fileName: text }). */
export function writeResults(name, results, markdownText, otherFiles = {}) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(RESULTS_DIR, `${name}.md`), markdownText);
  for (const [file, text] of Object.entries(otherFiles)) writeFileSync(path.join(RESULTS_DIR, file), text);
  const others = Object.keys(otherFiles);
  console.log(
    `bench: wrote ${path.relative(ROOT, RESULTS_DIR)}/${name}.{json,md}${others.length ? ` and ${others.join(', ')}` : ''}`,
  );
}

// ---- reporting ----------------------------------------------------------------------------------------

export function machine() {
  let commit = null;
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // Not a git checkout.
  }
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    commit,
  };
}

// A 0 ms ceiling (autocannon's percentiles are whole milliseconds) has no meaningful ratio.
export const pct = (value, ceiling) => {
  if (!ceiling) return 'n/a';
  const ratio = (value / ceiling) * 100;
  return `${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio)}%`;
};
export const num = (value) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

/** The line under each report's title: when, on what machine and commit, and how busy it was. */
export function machineLine(results) {
  const m = results.machine;
  return (
    `${results.date} · ${m.cpus} CPUs (${m.cpuModel}) · ${m.memoryGiB} GiB · Node ${m.node} · ${m.platform}` +
    `${m.commit ? ` · commit ${m.commit}` : ''} · load average ${m.loadAverageAtStart.toFixed(2)} at start`
  );
}

/** Table columns for autocannon measurements: heading and cell (measurement, ceiling). */
export const COLUMNS = {
  reqs: ['req/s', (m, c) => `${m.requestsPerSec.toFixed(0)} (${pct(m.requestsPerSec, c.requestsPerSec)})`],
  steady: ['steady req/s', (m) => (m.littleRatePerSec ? m.littleRatePerSec.toFixed(0) : 'n/a')],
  mean: ['mean ms', (m) => num(m.latencyAvgMs)],
  meanVsCeiling: ['mean ms', (m, c) => `${num(m.latencyAvgMs)} (${pct(m.latencyAvgMs, c.latencyAvgMs)})`],
  p50: ['p50 ms', (m) => num(m.latencyP50Ms)],
  p50VsCeiling: ['p50 ms', (m, c) => `${num(m.latencyP50Ms)} (${pct(m.latencyP50Ms, c.latencyP50Ms)})`],
  p99: ['p99 ms', (m) => num(m.latencyP99Ms)],
  p99VsCeiling: ['p99 ms', (m, c) => `${num(m.latencyP99Ms)} (${pct(m.latencyP99Ms, c.latencyP99Ms)})`],
  errors: ['errors', (m) => String(m.errors + m.timeouts)],
  non2xx: ['non-2xx', (m) => String(m.non2xx)],
  cpu: [
    'CPU ms/request: app · Postgres · load gen. (machine busy)',
    (m) => {
      const cpu = m.cpuMsPerRequest;
      if (!cpu) return 'n/a';
      const ms = (value) => (value >= 1 ? value.toFixed(2) : value.toFixed(3));
      return `${ms(cpu.server)} · ${ms(cpu.database)} · ${ms(cpu.loadGenerator)} (${cpu.machineBusyPct}%)`;
    },
  ],
};

/**
 * The scenario table: the ceiling first, then `rowsOf(engine, block)` ([name, measurement] pairs) for
 * PGlite and, when measured, Postgres. `columns` are keys of COLUMNS.
 */
export function scenarioTable(results, columns, rowsOf) {
  const { ceiling } = results;
  const row = (name, m) => `| ${name} | ${columns.map((key) => COLUMNS[key][1](m, ceiling)).join(' | ')} |`;
  const rows = [row('bare Fastify hello world (ceiling)', ceiling)];
  for (const [engine, block] of [
    ['PGlite', results.pglite],
    ['Postgres', results.postgres],
  ]) {
    if (block) for (const [name, m] of rowsOf(engine, block)) rows.push(row(`${engine}: ${name}`, m));
  }
  return [
    `| scenario | ${columns.map((key) => COLUMNS[key][0]).join(' | ')} |`,
    `| --- |${columns.map(() => ' ---: |').join('')}`,
    ...rows,
  ].join('\n');
}
