// Foundation benchmark: throughput and latency of the built app next to a bare-Fastify ceiling, on PGlite
// and (when DATABASE_URL is set) on Postgres, plus cold-start time. Loopback only, bounded in time;
// every child process is stopped on any exit. See bench/README.md.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const APP_MAIN = path.join(ROOT, 'apps/api/dist/main.js');
const HELLO_MAIN = path.join(ROOT, 'bench/hello.mjs');
const RESULTS_DIR = path.join(ROOT, 'bench/results');

const DURATION_S = positiveInteger('BENCH_DURATION', 10);
const CONNECTIONS = 50;
// A short unrecorded run first, so the JIT and connection pools are warm when measuring starts.
const WARMUP_S = Math.min(3, DURATION_S);
const READY_TIMEOUT_MS = 180_000;
const COLD_START_RUNS = 3;
// config.ts caps RATE_LIMIT_PER_MINUTE at 1,000,000; a fresh process per run stays far below it.
const RATE_LIMIT = '1000000';
const HEALTH_PATH = '/api/health';
const CATALOG_PATH = '/api/v1/studios/volt-supply/catalog/items?limit=20';
// Six measured scenarios at most, plus generous room for boots and cold starts.
const WATCHDOG_MS = (6 * (WARMUP_S + DURATION_S) + 900) * 1000;

function positiveInteger(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 600) {
    throw new Error(`${name} must be a whole number of seconds from 1 to 600 (got "${raw}")`);
  }
  return value;
}

// ---- processes and cleanup -----------------------------------------------------------------------

const children = new Set();
const tempDirs = new Set();
/** Async undo steps (drop the bench database, ...) run on a fatal error or signal, newest first. */
const undo = [];

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
async function abort(reason, code = 1) {
  if (aborting) return;
  aborting = true;
  console.error(`bench: ${reason}; stopping`);
  await Promise.allSettled([...children].map((child) => stop(child)));
  for (const step of undo.reverse()) await step().catch(() => {});
  process.exit(code);
}

function killGroup(child, signal) {
  try {
    // Each child leads its own process group, so anything it spawned goes too.
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Starts `node <script>` with exactly the given environment, keeping the last lines of its output. */
function launch(name, script, env) {
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
async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
  await child.exited;
  clearTimeout(timer);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls url until it answers 200; fails early, with the child's output, if the child exits. */
async function waitForOk(child, url, intervalMs) {
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
 * A production-mode app on a free loopback port. The environment is built from scratch so nothing from
 * the caller's shell (DATABASE_URL, REDIS_URL, S3_*) leaks into a run that is meant to be embedded.
 * Logs at warn: per-request info logs would measure the pipe to this script, not the app.
 */
async function startApp({ name, dataDir, secret, databaseUrl }) {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.tmpdir(),
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ATELIER_DATA_DIR: dataDir,
    APP_SECRET: secret,
    SEED_DEMO: 'true',
    RATE_LIMIT_PER_MINUTE: RATE_LIMIT,
    LOG_LEVEL: 'warn',
    NEXT_TELEMETRY_DISABLED: '1',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  };
  const startedAt = performance.now();
  const child = launch(name, APP_MAIN, env);
  return { child, base: `http://127.0.0.1:${port}`, startedAt };
}

async function startAndWait(options, intervalMs = 50) {
  const app = await startApp(options);
  await waitForOk(app.child, `${app.base}/api/ready`, intervalMs);
  return { ...app, readyMs: performance.now() - app.startedAt };
}

// ---- measuring ----------------------------------------------------------------------------------------

/** One scenario: a correctness check, a warm-up, then the recorded run. */
async function measure(label, base, urlPath) {
  const url = `${base}${urlPath}`;
  const check = await fetch(url);
  const body = await check.text();
  if (check.status !== 200) {
    throw new Error(`${label}: GET ${urlPath} answered ${check.status}, not 200: ${body.slice(0, 300)}`);
  }
  console.log(`bench: ${label}: warm-up ${WARMUP_S} s, then ${DURATION_S} s at ${CONNECTIONS} connections`);
  await autocannon({ url, connections: 10, duration: WARMUP_S });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S });
  const summary = {
    label,
    path: urlPath,
    connections: CONNECTIONS,
    durationS: DURATION_S,
    requestsPerSec: result.requests.average,
    requestsTotal: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyAvgMs: result.latency.average,
    latencyMaxMs: result.latency.max,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]),
    ),
  };
  console.log(
    `bench: ${label}: ${summary.requestsPerSec.toFixed(0)} req/s, p50 ${summary.latencyP50Ms} ms, ` +
      `p99 ${summary.latencyP99Ms} ms, ${summary.errors} errors, ${summary.non2xx} non-2xx`,
  );
  return summary;
}

/**
 * Bare Fastify in its own process. Measured before and after the app so that a burst of unrelated load
 * on a shared machine does not set the reference: the better run is the ceiling.
 */
async function measureCeiling(label) {
  console.log(`bench: ${label}: bare Fastify`);
  const port = await freePort();
  const hello = launch('hello', HELLO_MAIN, { PATH: process.env.PATH ?? '', PORT: String(port) });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForOk(hello, `${base}/`, 50);
    return await measure(label, base, '/');
  } finally {
    await stop(hello);
  }
}

async function measureApp(engine, options) {
  console.log(`bench: starting the app on ${engine}`);
  const app = await startAndWait({ name: `app (${engine})`, ...options });
  console.log(
    `bench: ${engine} app ready in ${app.readyMs.toFixed(0)} ms (first boot: migrations + demo seed)`,
  );
  try {
    return {
      firstBootMs: Math.round(app.readyMs),
      health: await measure(`${engine} health`, app.base, HEALTH_PATH),
      catalog: await measure(`${engine} catalog`, app.base, CATALOG_PATH),
    };
  } finally {
    await stop(app.child);
  }
}

async function measureColdStart(dataDir, secret) {
  const runsMs = [];
  for (let run = 1; run <= COLD_START_RUNS; run++) {
    // Polled every 10 ms so the poll interval adds little to what is measured.
    const app = await startAndWait({ name: `app (cold start ${run})`, dataDir, secret }, 10);
    runsMs.push(Math.round(app.readyMs));
    await stop(app.child);
    console.log(`bench: cold start ${run}/${COLD_START_RUNS}: ${runsMs.at(-1)} ms`);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)] };
}

async function withBenchDatabase(serverUrl, fn) {
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

// ---- reporting ----------------------------------------------------------------------------------------

function machine() {
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
const pct = (value, ceiling) => {
  if (!ceiling) return 'n/a';
  const ratio = (value / ceiling) * 100;
  return `${ratio < 10 ? ratio.toFixed(1) : Math.round(ratio)}%`;
};
const num = (value) => (Number.isInteger(value) ? String(value) : value.toFixed(2));

function markdown(results) {
  const { ceiling } = results;
  const other = results.ceilingRuns.find((run) => run !== ceiling);
  const row = (name, m) =>
    `| ${name} | ${m.requestsPerSec.toFixed(0)} (${pct(m.requestsPerSec, ceiling.requestsPerSec)}) | ` +
    `${num(m.latencyAvgMs)} (${pct(m.latencyAvgMs, ceiling.latencyAvgMs)}) | ` +
    `${num(m.latencyP50Ms)} (${pct(m.latencyP50Ms, ceiling.latencyP50Ms)}) | ` +
    `${num(m.latencyP99Ms)} (${pct(m.latencyP99Ms, ceiling.latencyP99Ms)}) | ${m.errors + m.timeouts} | ${m.non2xx} |`;
  const rows = [row('bare Fastify hello world (ceiling)', ceiling)];
  for (const [engine, block] of [
    ['PGlite', results.pglite],
    ['Postgres', results.postgres],
  ]) {
    if (!block) continue;
    rows.push(row(`${engine}: GET ${HEALTH_PATH}`, block.health));
    rows.push(row(`${engine}: GET ${CATALOG_PATH}`, block.catalog));
  }
  const m = results.machine;
  const s = results.settings;
  const cold = results.coldStart;
  return `# Foundation benchmark

${results.date} · ${m.cpus} CPUs (${m.cpuModel}) · ${m.memoryGiB} GiB · Node ${m.node} · ${m.platform}${m.commit ? ` · commit ${m.commit}` : ''} · load average ${m.loadAverageAtStart.toFixed(2)} at start

autocannon, ${s.connections} connections, ${s.durationS} s per scenario after a ${s.warmupS} s warm-up, over
loopback; the load generator runs on the same ${m.cpus} CPUs as the server. The app runs with
NODE_ENV=production, LOG_LEVEL=warn and a rate limit too high to trigger. Each figure in brackets is a
percentage of the bare-Fastify ceiling (for latency, above 100% means slower; percentiles are whole
milliseconds, so the mean is the finer comparison). The ceiling is measured
before and after the app; the better run is the reference (the other: ${other.requestsPerSec.toFixed(0)} req/s).

| scenario | req/s | mean ms | p50 ms | p99 ms | errors | non-2xx |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
${results.postgres ? '' : '\nPostgres: not measured (DATABASE_URL was not set).\n'}
Cold start on PGlite with an existing data directory, spawn to the first 200 from /api/ready:
median **${cold.medianMs} ms** (runs: ${cold.runsMs.join(', ')} ms). First boot on an empty data directory
(migrations and demo seed included): ${results.pglite.firstBootMs} ms${
    results.postgres ? `; on Postgres: ${results.postgres.firstBootMs} ms` : ''
  }.

Raw numbers: foundation.json. How to read them: ../README.md.
`;
}

// ---- main ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(APP_MAIN)) {
    throw new Error(`${path.relative(ROOT, APP_MAIN)} is missing: run \`npm run build\` first`);
  }
  setTimeout(() => abort(`watchdog: still running after ${WATCHDOG_MS / 1000} s`), WATCHDOG_MS).unref();

  const loadAverageAtStart = os.loadavg()[0];
  const ceilingBefore = await measureCeiling('ceiling (before)');

  const workDir = mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-'));
  tempDirs.add(workDir);
  const dataDir = path.join(workDir, 'data');
  const secret = randomBytes(32).toString('hex');
  const pglite = await measureApp('PGlite', { dataDir, secret });

  let postgres = null;
  if (process.env.DATABASE_URL) {
    postgres = await withBenchDatabase(process.env.DATABASE_URL, (databaseUrl) =>
      measureApp('Postgres', {
        dataDir: path.join(workDir, 'data-postgres'),
        secret: randomBytes(32).toString('hex'),
        databaseUrl,
      }),
    );
  }

  const coldStart = await measureColdStart(dataDir, secret);
  const ceilingAfter = await measureCeiling('ceiling (after)');
  const ceiling = ceilingAfter.requestsPerSec > ceilingBefore.requestsPerSec ? ceilingAfter : ceilingBefore;

  const results = {
    date: new Date().toISOString(),
    machine: { ...machine(), loadAverageAtStart },
    settings: {
      connections: CONNECTIONS,
      durationS: DURATION_S,
      warmupS: WARMUP_S,
      coldStartRuns: COLD_START_RUNS,
    },
    ceiling,
    ceilingRuns: [ceilingBefore, ceilingAfter],
    pglite,
    postgres,
    coldStart,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'foundation.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(RESULTS_DIR, 'foundation.md'), markdown(results));
  console.log(`bench: wrote ${path.relative(ROOT, RESULTS_DIR)}/foundation.{json,md}`);
}

// `node bench/run.mjs [foundation|identity]`: the foundation benchmark (default) or another scenario
// script, which runs on its own and exits when done.
const SCENARIOS = { identity: './identity.mjs' };
const scenario = process.argv[2] ?? 'foundation';
if (scenario in SCENARIOS) {
  await import(SCENARIOS[scenario]);
} else if (scenario === 'foundation') {
  main().then(
    () => process.exit(0),
    (error) => abort(error instanceof Error ? (error.stack ?? error.message) : String(error)),
  );
} else {
  console.error(`bench: unknown scenario "${scenario}" (foundation, ${Object.keys(SCENARIOS).join(', ')})`);
  process.exit(2);
}
