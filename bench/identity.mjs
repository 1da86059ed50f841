// Identity benchmark: password sign-ins per second and authenticated `GET /api/v1/me`, on PGlite and (when
// DATABASE_URL is set) on Postgres, each next to a bare-Fastify ceiling measured in the same run.
// Loopback only, bounded in time; every child process is stopped on any exit. See bench/README.md.
import {
  DURATION_S,
  machineLine,
  measure,
  onEachEngine,
  runBench,
  scenarioTable,
  startAndWait,
  stop,
  WARMUP_S,
  withCeiling,
  writeResults,
} from './lib.mjs';

// A demo person without two-factor (apps/api/src/demo/people.ts). Login protection counts failures
// only, so the same correct password thousands of times is never throttled.
const DEMO_EMAIL = 'mike@tysun-mike.test';
const DEMO_PASSWORD = 'atelier-demo-password';
const SIGN_IN_PATH = '/api/auth/sign-in/email';
const ME_PATH = '/api/v1/me';
// Up to seven measured scenarios, plus room for boots.
const WATCHDOG_MS = (7 * (WARMUP_S + DURATION_S) + 600) * 1000;

function signInRequest(base) {
  return {
    url: `${base}${SIGN_IN_PATH}`,
    method: 'POST',
    // Cookie-less, but better-auth checks the Origin of its POSTs like a browser would send it.
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
  };
}

/** One real sign-in: checks the scenario works and returns the session cookie for /me. */
async function signIn(base) {
  const { url, ...init } = signInRequest(base);
  const response = await fetch(url, init);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`sign-in answered ${response.status}: ${body.slice(0, 300)}`);
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const me = await fetch(`${base}${ME_PATH}`, { headers: { cookie } });
  if (me.status !== 200) throw new Error(`GET ${ME_PATH} answered ${me.status}: ${await me.text()}`);
  return cookie;
}

async function measureApp(engine, options) {
  console.log(`bench: starting the app on ${engine}`);
  const app = await startAndWait({ name: `app (${engine})`, ...options });
  console.log(`bench: ${engine} app ready in ${app.readyMs.toFixed(0)} ms`);
  try {
    await signIn(app.base);
    const signInRun = await measure(`${engine} sign-in`, signInRequest(app.base));
    // Sign-ins autocannon left in flight still hold the thread pool; this one waits behind them, so the
    // next scenario starts on an idle server.
    const cookie = await signIn(app.base);
    return {
      firstBootMs: Math.round(app.readyMs),
      signIn: signInRun,
      me: await measure(`${engine} me`, { url: `${app.base}${ME_PATH}`, headers: { cookie } }),
    };
  } finally {
    await stop(app.child);
  }
}

function markdown(results) {
  const other = results.ceilingRuns.find((run) => run !== results.ceiling);
  const table = scenarioTable(
    results,
    ['reqs', 'steady', 'mean', 'p50', 'p99', 'errors', 'non2xx'],
    (_engine, block) => [
      [`POST ${SIGN_IN_PATH}`, block.signIn],
      [`GET ${ME_PATH} (session cookie)`, block.me],
    ],
  );
  const s = results.settings;
  return `# Identity benchmark

${machineLine(results)}

autocannon, ${s.connections} connections, ${s.durationS} s per scenario after a ${s.warmupS} s warm-up, over
loopback, load generator on the same CPUs. The built app (NODE_ENV=production, demo seed, rate limit too
high to trigger). Sign-in: the correct password of a demo person without 2FA, each request a full
sign-in (scrypt on the libuv thread pool, a new session row, the client-linking hook). Me: one session
cookie, each request resolves the session and reads the person. req/s in brackets is a percentage of
the bare-Fastify ceiling, the better of a run before and after the app (the other:
${other.requestsPerSec.toFixed(0)} req/s). "steady req/s" is connections / mean latency (Little's law):
a sign-in takes seconds under 50 connections (scrypt is CPU-bound), so at a short BENCH_DURATION the
ramp-up drags autocannon's per-second average (req/s) down; use 10 s or more for sign-in figures.

${table}
${results.postgres ? '' : '\nPostgres: not measured (DATABASE_URL was not set).\n'}
Raw numbers: identity.json. How to read them: ../README.md.
`;
}

async function main() {
  const results = await withCeiling({ demoPerson: DEMO_EMAIL }, async () => {
    const { pglite, postgres } = await onEachEngine('atelier-bench-identity-', measureApp);
    return { pglite, postgres };
  });
  writeResults('identity', results, markdown(results));
}

runBench(main, { watchdogMs: WATCHDOG_MS });
