// Checkout benchmark: placing an order (3 lines, a promo code, tax and shipping) and handling Stripe
// webhooks, on PGlite and (when DATABASE_URL is set) on Postgres, next to a bare-Fastify ceiling measured
// in the same run. Loopback only, bounded in time. See bench/README.md.
import { randomBytes, randomUUID } from 'node:crypto';
import Stripe from 'stripe';
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

// Electric Muse (apps/api/src/demo): prints with variants, US sales tax on top, flat shipping, ROCK15.
const STUDIO = 'electric-muse';
const API = `/api/v1/studios/${STUDIO}`;
const PROMO = 'ROCK15';
const WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`;
const WATCHDOG_MS = (13 * (WARMUP_S + DURATION_S) + 600) * 1000;
// The owner reading the dashboard's sales (Electric Muse's owner has no two-factor).
const OWNER = { email: 'jolene@electric-muse.test', password: 'atelier-demo-password' };
const stripe = new Stripe('sk_test_bench');

const ADDRESS = {
  name: 'Bench Buyer',
  line1: '1 Sunset Blvd',
  city: 'Los Angeles',
  region: 'CA',
  postalCode: '90028',
  country: 'US',
};

async function getJson(url, init) {
  const response = await fetch(url, init);
  const body = await response.text();
  if (response.status >= 300)
    throw new Error(`${init?.method ?? 'GET'} ${url} answered ${response.status}: ${body.slice(0, 400)}`);
  return JSON.parse(body);
}

/** Three variants of untracked (print-on-demand) products, so a 10 s run never runs out of stock. */
async function threeVariants(base) {
  const list = await getJson(`${base}${API}/catalog/items?kind=product&limit=20`);
  const variants = [];
  for (const item of list.items) {
    const detail = await getJson(`${base}${API}/catalog/items/${item.slug}`);
    for (const variant of detail.variants) {
      if (variants.length < 3 && variant.stock === null) variants.push(variant.id);
    }
  }
  if (variants.length < 3) throw new Error(`${STUDIO} has fewer than 3 untracked variants`);
  return variants;
}

function checkoutBody(variants) {
  return JSON.stringify({
    email: 'bench@example.com',
    name: 'Bench Buyer',
    lines: variants.map((variantId, i) => ({ variantId, quantity: i + 1 })),
    shippingAddress: ADDRESS,
    billingAddress: ADDRESS,
    shippingMethodId: 'standard',
    promoCode: PROMO,
    paymentProvider: 'manual',
    manualMethod: 'bank_transfer',
  });
}

function checkoutRequest(base, variants) {
  const body = checkoutBody(variants);
  const headers = { 'content-type': 'application/json', origin: base };
  return {
    url: `${base}${API}/checkout`,
    method: 'POST',
    headers,
    body,
    // A new Idempotency-Key per request: each one is a new order (a repeated key would be a replay).
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => ({
          ...request,
          body,
          headers: { ...headers, 'idempotency-key': randomUUID() },
        }),
      },
    ],
  };
}

/** A new, correctly signed event for an intent the app has never seen: verified, recorded once, parked. */
function signedWebhook() {
  const payload = JSON.stringify({
    id: `evt_${randomUUID().replaceAll('-', '')}`,
    object: 'event',
    type: 'payment_intent.succeeded',
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: `pi_${randomUUID().replaceAll('-', '')}`,
        object: 'payment_intent',
        amount: 1000,
        currency: 'usd',
        status: 'succeeded',
        metadata: {},
      },
    },
  });
  const signature = stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
  return { body: payload, headers: { 'content-type': 'application/json', 'stripe-signature': signature } };
}

function webhookRequest(base) {
  return {
    url: `${base}/api/v1/payments/stripe/webhook`,
    method: 'POST',
    // The path a flood of foreign or replayed events takes.
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, ...signedWebhook() }) }],
  };
}

/** The owner's session cookie, from a real sign-in. */
async function ownerCookie(base) {
  const response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify(OWNER),
  });
  if (response.status !== 200)
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
}

/**
 * The clients area's two reads: a search of the client list, and the order totals of a page of clients
 * (the bench buyer among them, with every order the checkout run placed: one grouped read over them).
 */
async function measureClients(engine, base) {
  const headers = { cookie: await ownerCookie(base) };
  const page = await getJson(`${base}${API}/clients?limit=25`, { headers });
  const ids = page.items.map((client) => client.id).join(',');
  return {
    clients: await measure(`${engine} clients search`, {
      url: `${base}${API}/clients?q=bench&limit=25`,
      headers,
    }),
    clientTotals: await measure(`${engine} client order totals`, {
      url: `${base}${API}/admin/orders/client-totals?clientIds=${ids}`,
      headers,
    }),
  };
}

async function measureEngine(engine, options) {
  console.log(`bench: ${engine}: starting the app`);
  const app = await startAndWait({
    name: `app (${engine})`,
    ...options,
    env: {
      STRIPE_SECRET_KEY: 'sk_test_bench',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_bench',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      // Nothing listens here: the scenarios never call Stripe, and must not reach the real one.
      STRIPE_API_URL: 'http://127.0.0.1:9',
    },
  });
  try {
    const variants = await threeVariants(app.base);
    // One real order first: the scenario works and its totals are what the run repeats.
    const { url, headers, body } = checkoutRequest(app.base, variants);
    const order = await getJson(url, {
      method: 'POST',
      headers: { ...headers, 'idempotency-key': randomUUID() },
      body,
    });
    const accepted = await fetch(webhookRequest(app.base).url, { method: 'POST', ...signedWebhook() });
    if (accepted.status !== 200)
      throw new Error(`webhook answered ${accepted.status}: ${await accepted.text()}`);
    return {
      firstBootMs: Math.round(app.readyMs),
      sampleOrder: order.order ?? order,
      checkout: await measure(`${engine} checkout`, checkoutRequest(app.base, variants)),
      webhook: await measure(`${engine} stripe webhook`, webhookRequest(app.base)),
      // After the checkout run: thousands of orders placed, the open-orders count has them all.
      sales: await measure(`${engine} sales overview`, {
        url: `${app.base}${API}/admin/orders/sales?days=30`,
        headers: { cookie: await ownerCookie(app.base) },
      }),
      ...(await measureClients(engine, app.base)),
    };
  } finally {
    await stop(app.child);
  }
}

function markdown(results) {
  const table = scenarioTable(results, ['reqs', 'p50', 'p99', 'errors', 'non2xx'], (_engine, block) => [
    ['POST checkout (3 lines, promo, tax, shipping)', block.checkout],
    ['POST Stripe webhook (signed, new event each)', block.webhook],
    ['GET sales overview, 30 days (owner session)', block.sales],
    ['GET clients, search "bench" (owner session)', block.clients],
    ['GET order totals of a page of clients (owner session)', block.clientTotals],
  ]);
  const s = results.settings;
  return `# Checkout benchmark

${machineLine(results)}

autocannon, ${s.connections} connections, ${s.durationS} s per scenario after a ${s.warmupS} s warm-up, over
loopback, load generator on the same CPUs. The built app (NODE_ENV=production, demo seed). Checkout: a
guest order at ${STUDIO} with 3 lines of print-on-demand variants, promo ${PROMO}, US sales tax, flat
shipping, paid by bank transfer (so no provider call): server pricing, promo redemption (ROCK15 has no usage limit, so no lock), stock reservation,
order number, order + lines + timeline + payment rows, outbox events, each with a fresh Idempotency-Key.
Webhook: a new signed \`payment_intent.succeeded\` per request for an unknown intent (verified with the
raw body, deduplicated by event id, parked). Sales overview: the owner's dashboard read after the checkout
run (session, permission, paid orders of 60 days grouped by local day on orders_studio_paid_idx, open
orders counted on orders_studio_status_idx). Clients: the clients area's list searched by a part of a name
or email (ILIKE over the studio's records, newest first on studio_clients_studio_idx), and the order
totals of its first page (one grouped read on orders_client_idx, the bench buyer's thousands of orders
among them). req/s in brackets is a percentage of the bare-Fastify ceiling.

${table}
${results.postgres ? '' : '\nPostgres: not measured (DATABASE_URL was not set).\n'}
Raw numbers: checkout.json.
`;
}

async function main() {
  const results = await withCeiling({ studio: STUDIO }, async () => {
    const { pglite, postgres } = await onEachEngine('atelier-bench-checkout-', measureEngine);
    return { pglite, postgres };
  });
  writeResults('checkout', results, markdown(results));
}

runBench(main, { watchdogMs: WATCHDOG_MS });
