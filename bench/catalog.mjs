// Catalog benchmark: product detail (cached and uncached), a filtered category page and a search with a
// typo, on PGlite and (when DATABASE_URL is set) on Postgres, each next to a bare-Fastify ceiling measured
// in the same run; on Postgres also the query plans of the list and search queries. See bench/README.md.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DURATION_S,
  machineLine,
  measure,
  measureCeiling,
  onEachEngine,
  pct,
  ROOT,
  runBench,
  scenarioTable,
  startAndWait,
  stop,
  WARMUP_S,
  withCeiling,
  writeResults,
} from './lib.mjs';

// The supplier: 5,000 generated products in a three-level category tree (apps/api/src/demo/catalog).
const STUDIO = 'volt-supply';
const CATALOG = `/api/v1/studios/${STUDIO}/catalog`;
const TYPO_QUERY = 'circut braker';
// Six scenarios and two ceilings per engine (one more on Postgres with REDIS_URL), two or three boots
// per engine, two ceilings for the run.
const WATCHDOG_MS = (22 * (WARMUP_S + DURATION_S) + 1_000) * 1000;
/** A few shoppers at once: the list and search again at this many connections. */
const FEW = 5;

async function getJson(url) {
  const response = await fetch(url);
  const body = await response.text();
  if (response.status !== 200)
    throw new Error(`GET ${url} answered ${response.status}: ${body.slice(0, 300)}`);
  return JSON.parse(body);
}

/** Real paths from the seeded catalog: a product, a leaf category with a brand, checked to answer 200. */
async function scenarioPaths(base) {
  const categories = await getJson(`${base}${CATALOG}/categories`);
  // The busiest leaf (depth 2): a realistic category page, not the whole catalog.
  const leaf = categories.items
    .filter((c) => c.depth === 2 && c.itemCount > 0)
    .sort((a, b) => b.itemCount - a.itemCount)[0];
  const list = await getJson(`${base}${CATALOG}/items?category=${leaf.slug}&limit=24`);
  const product = list.items[0];
  const brand = list.facets?.brands?.[0]?.slug;
  const listPath =
    `${CATALOG}/items?category=${encodeURIComponent(leaf.slug)}&inStock=true&sort=price_asc&limit=24` +
    (brand ? `&brand=${encodeURIComponent(brand)}` : '');
  const searchPath = `${CATALOG}/search?q=${encodeURIComponent(TYPO_QUERY)}`;
  const search = await getJson(`${base}${searchPath}`);
  if (search.items.length === 0) throw new Error(`"${TYPO_QUERY}" found nothing`);
  await getJson(`${base}${listPath}`);
  return {
    detailPath: `${CATALOG}/items/${product.slug}`,
    listPath,
    searchPath,
    category: leaf.slug,
    brand,
  };
}

async function measureEngine(engine, options) {
  console.log(`bench: ${engine}: starting the app with the catalog cache on`);
  const cached = await startAndWait({ name: `app (${engine}, cached)`, ...options });
  console.log(`bench: ${engine}: ready in ${cached.readyMs.toFixed(0)} ms (first boot seeds 5,000 products)`);
  let paths;
  const block = { firstBootMs: Math.round(cached.readyMs) };
  try {
    paths = await scenarioPaths(cached.base);
    block.paths = paths;
    // The cached detail is compared with bare Fastify measured right before and right after it: on a
    // shared machine the speed drifts over minutes, and the run's own ceilings are minutes away.
    const nextBefore = await measureCeiling(`${engine} ceiling (next to the cached detail)`);
    block.detailCached = await measure(`${engine} detail (cached)`, {
      url: `${cached.base}${paths.detailPath}`,
    });
    const nextAfter = await measureCeiling(`${engine} ceiling (next to the cached detail)`);
    block.detailCeiling = nextAfter.requestsPerSec > nextBefore.requestsPerSec ? nextAfter : nextBefore;
    block.detailCeilingRuns = [nextBefore, nextAfter];
  } finally {
    await stop(cached.child);
  }
  // With REDIS_URL (how several app processes share their cache): the same cached detail, now checking
  // its namespace versions in Redis on every replay (one round trip), as a multi-process deployment does.
  if (options.databaseUrl && process.env.REDIS_URL) {
    console.log(`bench: ${engine}: restarting with REDIS_URL (the shared cache in Redis)`);
    const shared = await startAndWait({
      name: `app (${engine}, Redis)`,
      ...options,
      env: { REDIS_URL: process.env.REDIS_URL },
    });
    try {
      block.detailCachedRedis = await measure(`${engine} detail (cached, Redis)`, {
        url: `${shared.base}${paths.detailPath}`,
      });
    } finally {
      await stop(shared.child);
    }
  }
  console.log(`bench: ${engine}: restarting with CATALOG_CACHE_SECONDS=0 (every read hits the database)`);
  const uncached = await startAndWait({
    name: `app (${engine}, uncached)`,
    ...options,
    env: { CATALOG_CACHE_SECONDS: '0' },
  });
  try {
    const { base } = uncached;
    block.detailUncached = await measure(`${engine} detail (uncached)`, {
      url: `${base}${paths.detailPath}`,
    });
    block.listUncached = await measure(`${engine} category list (uncached)`, {
      url: `${base}${paths.listPath}`,
    });
    block.searchUncached = await measure(`${engine} typo search (uncached)`, {
      url: `${base}${paths.searchPath}`,
    });
    // What a shopper waits when a few shop at once, not 50: the time of the work itself, before queueing.
    block.listUncachedFew = await measure(
      `${engine} category list (uncached, ${FEW} connections)`,
      { url: `${base}${paths.listPath}` },
      { connections: FEW },
    );
    block.searchUncachedFew = await measure(
      `${engine} typo search (uncached, ${FEW} connections)`,
      { url: `${base}${paths.searchPath}` },
      { connections: FEW },
    );
  } finally {
    await stop(uncached.child);
  }
  return block;
}

/**
 * EXPLAIN ANALYZE of the list and search queries as the app runs them: the built catalog service on the
 * bench database, with auto_explain reporting each statement's plan back to this client as a notice.
 */
async function queryPlans(databaseUrl, paths) {
  const dist = (file) => pathToFileURL(path.join(ROOT, 'apps/api/dist', file)).href;
  const { openDatabase } = await import(dist('platform/db/index.js'));
  const { createCatalogService } = await import(dist('modules/catalog/index.js'));
  const database = await openDatabase({ databaseUrl });
  const plans = [];
  database.engine.pool.on('connect', (client) => {
    client.on('notice', (notice) => plans.push(notice.message));
    // Session settings, queued before anything the pool hands this client out for.
    client.query(
      "load 'auto_explain'; set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; " +
        'set auto_explain.log_buffers = on; set auto_explain.log_level = notice; set auto_explain.log_nested_statements = on',
    );
  });
  try {
    const [{ id: studioId }] = (
      await database.engine.pool.query('select id from studios where slug = $1', [STUDIO])
    ).rows;
    const catalog = createCatalogService({ database });
    const capture = async (label, run) => {
      await run(); // warm: the second run's plan is the one that matters
      plans.length = 0;
      await run();
      const relevant = plans.filter((plan) => /catalog_items/.test(plan));
      return `## ${label}\n\n${relevant.map((plan) => `\`\`\`\n${plan.trim()}\n\`\`\``).join('\n\n')}\n`;
    };
    const listQuery = { category: paths.category, inStock: true, sort: 'price_asc', limit: 24 };
    if (paths.brand) listQuery.brand = [paths.brand];
    return [
      await capture(`Category list: ${paths.listPath}`, () => catalog.list(studioId, listQuery)),
      await capture(`Search: ${paths.searchPath}`, () => catalog.search(studioId, { q: TYPO_QUERY })),
    ].join('\n');
  } finally {
    await database.close();
  }
}

function markdown(results) {
  const { ceiling } = results;
  const table = scenarioTable(
    results,
    ['reqs', 'p50', 'p99', 'errors', 'non2xx', 'cpu'],
    (_engine, block) => [
      ['product detail, cached', block.detailCached],
      ...(block.detailCachedRedis
        ? [['product detail, cached, cache in Redis', block.detailCachedRedis]]
        : []),
      ['product detail, uncached', block.detailUncached],
      ['category list with filters, uncached', block.listUncached],
      [`search "${TYPO_QUERY}", uncached`, block.searchUncached],
      [`category list, uncached, ${FEW} connections`, block.listUncachedFew],
      [`search, uncached, ${FEW} connections`, block.searchUncachedFew],
    ],
  );
  const s = results.settings;
  const p = results.pglite.paths;
  const targets = results.postgres
    ? `Targets on Postgres: cached detail >= 40 % of the ceiling (${pct(results.postgres.detailCached.requestsPerSec, results.postgres.detailCeiling.requestsPerSec)} of bare Fastify measured right before and after it, the better of the two: ${results.postgres.detailCeiling.requestsPerSec.toFixed(0)} req/s; ${pct(results.postgres.detailCached.requestsPerSec, ceiling.requestsPerSec)} of the run's best ceiling in the table); ` +
      `uncached list p99 < 50 ms (${results.postgres.listUncached.latencyP99Ms} ms); uncached search p99 < 50 ms (${results.postgres.searchUncached.latencyP99Ms} ms).`
    : 'Postgres: not measured (DATABASE_URL was not set).';
  // Little's law: 50 connections that always wait for an answer see mean latency = 50 / throughput, so
  // p99 < 50 ms needs more than 50 / 0.05 s = 1,000 req/s, and all the CPU a request costs on this
  // machine (app, database, load generator, kernel) must fit in cpus / rate.
  const neededRate = s.connections / 0.05;
  const budgetMs = (results.machine.cpus * 1000) / neededRate;
  const spent = (m) => (m?.cpuMsPerRequest ? `${m.cpuMsPerRequest.machine.toFixed(2)} ms` : 'n/a');
  const budget = results.postgres
    ? `What p99 < 50 ms at ${s.connections} connections asks of this machine: every connection always waits for an answer, so the mean latency is ${s.connections} / throughput and p99 < 50 ms needs more than ${neededRate.toFixed(0)} req/s, that is at most ${budgetMs.toFixed(1)} ms of CPU per request for app, Postgres, load generator and kernel together on ${results.machine.cpus} CPUs. Spent per request (whole machine, Postgres): list ${spent(results.postgres.listUncached)}, search ${spent(results.postgres.searchUncached)}, uncached detail ${spent(results.postgres.detailUncached)}.`
    : '';
  // Which non-2xx statuses came back, where: 503 is the app shedding load (under-pressure), which PGlite
  // reaches first because its queries run on the app's own event loop.
  const refused = [];
  for (const engine of ['pglite', 'postgres']) {
    for (const [name, m] of Object.entries(results[engine] ?? {})) {
      const codes = Object.entries(m?.statusCodes ?? {}).filter(([code]) => !code.startsWith('2'));
      if (codes.length > 0)
        refused.push(`${engine} ${name}: ${codes.map(([c, n]) => `${n} x ${c}`).join(', ')}`);
    }
  }
  const refusals =
    refused.length > 0
      ? `Non-2xx answers: ${refused.join('; ')}. A 503 is the app shedding load (under-pressure: the event loop fell behind its limit) with Retry-After, as it does for real visitors; PGlite runs its queries on the app's own event loop, so a slow query under ${s.connections} connections reaches that limit.`
      : 'Every answer was 2xx.';
  return `# Catalog benchmark

${machineLine(results)}

autocannon, ${s.connections} connections, ${s.durationS} s per scenario after a ${s.warmupS} s warm-up, over
loopback, load generator on the same CPUs. The built app (NODE_ENV=production, demo seed: ${STUDIO} has
5,000+ products). "Cached" is the app as shipped: storefront answers kept ready and replayed at the
HTTP edge (platform/http/edge-cache.ts), dropped on every catalog or studio write. "Uncached" is the same
app restarted with CATALOG_CACHE_SECONDS=0, so every request runs its queries (the facet summary and
prepared statements are part of the database path, not caches of answers).
req/s in brackets is a percentage of the bare-Fastify ceiling (the better of a run before and after).
The cached detail is also measured between two bare-Fastify runs of its own (the machine's speed drifts
over the minutes a run takes): its target below is judged against the better of those two.
CPU ms/request: CPU time used during the measured seconds divided by the requests answered, for the app,
Postgres and the load generator (autocannon runs in the bench script); in brackets how busy the whole
machine was. The uncached app also skips reading the next flash-sale boundary, which only serves to
expire kept answers.

Paths: detail \`${p.detailPath}\`, list \`${p.listPath}\`, search \`${p.searchPath}\`.

${table}

${targets}

${budget}

${refusals}

Raw numbers: catalog.json. Query plans (Postgres): catalog-plans.md.
`;
}

async function main() {
  let plans = null;
  const results = await withCeiling({ studio: STUDIO }, async () => {
    const { pglite, postgres } = await onEachEngine('atelier-bench-catalog-', async (engine, options) => {
      const block = await measureEngine(engine, options);
      // On Postgres, while the bench database still exists.
      if (options.databaseUrl) plans = await queryPlans(options.databaseUrl, block.paths);
      return block;
    });
    return { pglite, postgres };
  });
  writeResults(
    'catalog',
    results,
    markdown(results),
    plans
      ? {
          'catalog-plans.md': `# Catalog query plans (Postgres, EXPLAIN ANALYZE via auto_explain)\n\n${results.date}\n\n${plans}`,
        }
      : {},
  );
}

runBench(main, { watchdogMs: WATCHDOG_MS });
