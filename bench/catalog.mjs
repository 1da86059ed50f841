// Catalog benchmark: product detail (cached and uncached), a filtered category page and a search with a
// typo, on PGlite and (when DATABASE_URL is set) on Postgres, each next to a bare-Fastify ceiling measured
// in the same run; on Postgres also the query plans of the list and search queries. See bench/README.md.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  APP_MAIN,
  abort,
  CONNECTIONS,
  DURATION_S,
  machine,
  measure,
  num,
  pct,
  RESULTS_DIR,
  ROOT,
  startAndWait,
  stop,
  tempDirs,
  WARMUP_S,
  withBenchDatabase,
  withHello,
} from './lib.mjs';

// The supplier: 5,000 generated products in a three-level category tree (apps/api/src/demo/catalog).
const STUDIO = 'volt-supply';
const CATALOG = `/api/v1/studios/${STUDIO}/catalog`;
const TYPO_QUERY = 'circut braker';
// Four scenarios per engine, two boots per engine, two ceilings.
const WATCHDOG_MS = (12 * (WARMUP_S + DURATION_S) + 900) * 1000;

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
    block.detailCached = await measure(`${engine} detail (cached)`, {
      url: `${cached.base}${paths.detailPath}`,
    });
  } finally {
    await stop(cached.child);
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

const measureCeiling = (label) =>
  withHello((base) => {
    console.log(`bench: ${label}: bare Fastify`);
    return measure(label, { url: `${base}/` });
  });

function markdown(results) {
  const { ceiling } = results;
  const row = (name, m) =>
    `| ${name} | ${m.requestsPerSec.toFixed(0)} (${pct(m.requestsPerSec, ceiling.requestsPerSec)}) | ${num(m.latencyP50Ms)} | ${num(m.latencyP99Ms)} | ${m.errors + m.timeouts} | ${m.non2xx} |`;
  const rows = [row('bare Fastify hello world (ceiling)', ceiling)];
  for (const [engine, block] of [
    ['PGlite', results.pglite],
    ['Postgres', results.postgres],
  ]) {
    if (!block) continue;
    rows.push(row(`${engine}: product detail, cached`, block.detailCached));
    rows.push(row(`${engine}: product detail, uncached`, block.detailUncached));
    rows.push(row(`${engine}: category list with filters, uncached`, block.listUncached));
    rows.push(row(`${engine}: search "${TYPO_QUERY}", uncached`, block.searchUncached));
  }
  const m = results.machine;
  const s = results.settings;
  const p = results.pglite.paths;
  const targets = results.postgres
    ? `Targets on Postgres: cached detail >= 40 % of the ceiling (${pct(results.postgres.detailCached.requestsPerSec, ceiling.requestsPerSec)}); ` +
      `uncached list p99 < 50 ms (${results.postgres.listUncached.latencyP99Ms} ms); uncached search p99 < 50 ms (${results.postgres.searchUncached.latencyP99Ms} ms).`
    : 'Postgres: not measured (DATABASE_URL was not set).';
  return `# Catalog benchmark

${results.date} · ${m.cpus} CPUs (${m.cpuModel}) · ${m.memoryGiB} GiB · Node ${m.node} · ${m.platform}${m.commit ? ` · commit ${m.commit}` : ''} · load average ${m.loadAverageAtStart.toFixed(2)} at start

autocannon, ${s.connections} connections, ${s.durationS} s per scenario after a ${s.warmupS} s warm-up, over
loopback, load generator on the same CPUs. The built app (NODE_ENV=production, demo seed: ${STUDIO} has
5,000+ products). "Cached" is the app as shipped (catalog reads cached, dropped on every write);
"uncached" is the same app restarted with CATALOG_CACHE_SECONDS=0, so every request runs its queries.
req/s in brackets is a percentage of the bare-Fastify ceiling (the better of a run before and after).

Paths: detail \`${p.detailPath}\`, list \`${p.listPath}\`, search \`${p.searchPath}\`.

| scenario | req/s | p50 ms | p99 ms | errors | non-2xx |
| --- | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}

${targets}

Raw numbers: catalog.json. Query plans (Postgres): catalog-plans.md.
`;
}

async function main() {
  if (!existsSync(APP_MAIN)) {
    throw new Error(`${path.relative(ROOT, APP_MAIN)} is missing: run \`npm run build\` first`);
  }
  setTimeout(() => abort(`watchdog: still running after ${WATCHDOG_MS / 1000} s`), WATCHDOG_MS).unref();
  const loadAverageAtStart = os.loadavg()[0];
  const ceilingBefore = await measureCeiling('ceiling (before)');
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'atelier-bench-catalog-'));
  tempDirs.add(workDir);
  const secret = randomBytes(32).toString('hex');
  const pglite = await measureEngine('PGlite', { dataDir: path.join(workDir, 'data'), secret });
  let postgres = null;
  let plans = null;
  if (process.env.DATABASE_URL) {
    await withBenchDatabase(process.env.DATABASE_URL, async (databaseUrl) => {
      postgres = await measureEngine('Postgres', {
        dataDir: path.join(workDir, 'data-postgres'),
        secret,
        databaseUrl,
      });
      plans = await queryPlans(databaseUrl, postgres.paths);
    });
  }
  const ceilingAfter = await measureCeiling('ceiling (after)');
  const ceiling = ceilingAfter.requestsPerSec > ceilingBefore.requestsPerSec ? ceilingAfter : ceilingBefore;
  const results = {
    date: new Date().toISOString(),
    machine: { ...machine(), loadAverageAtStart },
    settings: { connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S, studio: STUDIO },
    ceiling,
    ceilingRuns: [ceilingBefore, ceilingAfter],
    pglite,
    postgres,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, 'catalog.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(RESULTS_DIR, 'catalog.md'), markdown(results));
  if (plans) {
    writeFileSync(
      path.join(RESULTS_DIR, 'catalog-plans.md'),
      `# Catalog query plans (Postgres, EXPLAIN ANALYZE via auto_explain)\n\n${results.date}\n\n${plans}`,
    );
  }
  console.log(
    `bench: wrote ${path.relative(ROOT, RESULTS_DIR)}/catalog.{json,md}${plans ? ' and catalog-plans.md' : ''}`,
  );
}

main().then(
  () => process.exit(0),
  (error) => abort(error instanceof Error ? (error.stack ?? error.message) : String(error)),
);
