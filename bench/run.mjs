// Foundation benchmark: throughput and latency of the built app next to a bare-Fastify ceiling, on PGlite
// and (when DATABASE_URL is set) on Postgres, plus cold-start time. Loopback only, bounded in time;
// every child process is stopped on any exit (bench/lib.mjs). See bench/README.md.
import {
  DURATION_S,
  expectOk,
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

const COLD_START_RUNS = 3;
const HEALTH_PATH = '/api/health';
const CATALOG_PATH = '/api/v1/studios/volt-supply/catalog/items?limit=20';
// Six measured scenarios at most, plus generous room for boots and cold starts.
const WATCHDOG_MS = (6 * (WARMUP_S + DURATION_S) + 900) * 1000;

/** A scenario: one GET must answer 200 (or the run stops), then the warm-up and the recorded run. */
async function measureGet(label, base, urlPath) {
  await expectOk(label, `${base}${urlPath}`);
  return measure(label, { url: `${base}${urlPath}` });
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
      health: await measureGet(`${engine} health`, app.base, HEALTH_PATH),
      catalog: await measureGet(`${engine} catalog`, app.base, CATALOG_PATH),
    };
  } finally {
    await stop(app.child);
  }
}

async function measureColdStart({ dataDir, secret }) {
  const runsMs = [];
  for (let run = 1; run <= COLD_START_RUNS; run++) {
    // Polled every 10 ms so the poll interval adds little to what is measured.
    const app = await startAndWait({ name: `app (cold start ${run})`, dataDir, secret, pollMs: 10 });
    runsMs.push(Math.round(app.readyMs));
    await stop(app.child);
    console.log(`bench: cold start ${run}/${COLD_START_RUNS}: ${runsMs.at(-1)} ms`);
  }
  const sorted = [...runsMs].sort((a, b) => a - b);
  return { runsMs, medianMs: sorted[Math.floor(sorted.length / 2)] };
}

function markdown(results) {
  const other = results.ceilingRuns.find((run) => run !== results.ceiling);
  const table = scenarioTable(
    results,
    ['reqs', 'meanVsCeiling', 'p50VsCeiling', 'p99VsCeiling', 'errors', 'non2xx'],
    (_engine, block) => [
      [`GET ${HEALTH_PATH}`, block.health],
      [`GET ${CATALOG_PATH}`, block.catalog],
    ],
  );
  const s = results.settings;
  const cold = results.coldStart;
  return `# Foundation benchmark

${machineLine(results)}

autocannon, ${s.connections} connections, ${s.durationS} s per scenario after a ${s.warmupS} s warm-up, over
loopback; the load generator runs on the same ${results.machine.cpus} CPUs as the server. The app runs with
NODE_ENV=production, LOG_LEVEL=warn and a rate limit too high to trigger. Each figure in brackets is a
percentage of the bare-Fastify ceiling (for latency, above 100% means slower; percentiles are whole
milliseconds, so the mean is the finer comparison). The ceiling is measured
before and after the app; the better run is the reference (the other: ${other.requestsPerSec.toFixed(0)} req/s).

${table}
${results.postgres ? '' : '\nPostgres: not measured (DATABASE_URL was not set).\n'}
Cold start on PGlite with an existing data directory, spawn to the first 200 from /api/ready:
median **${cold.medianMs} ms** (runs: ${cold.runsMs.join(', ')} ms). First boot on an empty data directory
(migrations and demo seed included): ${results.pglite.firstBootMs} ms${
    results.postgres ? `; on Postgres: ${results.postgres.firstBootMs} ms` : ''
  }.

Raw numbers: foundation.json. How to read them: ../README.md.
`;
}

async function main() {
  const results = await withCeiling({ coldStartRuns: COLD_START_RUNS }, async () => {
    const { pglite, postgres, pgliteOptions } = await onEachEngine('atelier-bench-', measureApp);
    // Restarts on the PGlite data directory the first boot migrated and seeded.
    return { pglite, postgres, coldStart: await measureColdStart(pgliteOptions) };
  });
  writeResults('foundation', results, markdown(results));
}

// `node bench/run.mjs [foundation|identity|catalog|checkout|lighthouse]`: the foundation benchmark
// (default) or another benchmark script, which runs on its own and exits when done.
const SCENARIOS = {
  identity: './identity.mjs',
  catalog: './catalog.mjs',
  checkout: './checkout.mjs',
  lighthouse: './lighthouse.mjs',
};
const scenario = process.argv[2] ?? 'foundation';
if (scenario in SCENARIOS) {
  await import(SCENARIOS[scenario]);
} else if (scenario === 'foundation') {
  runBench(main, { watchdogMs: WATCHDOG_MS });
} else {
  console.error(`bench: unknown scenario "${scenario}" (foundation, ${Object.keys(SCENARIOS).join(', ')})`);
  process.exit(2);
}
