import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogService } from './modules/catalog/index.js';
import * as identityTesting from './modules/identity/testing.js';
import { createStudiosService } from './modules/studios/index.js';
import { ANONYMOUS } from './platform/context.js';
import { buildTestApp, type TestApp } from './testing.js';

/**
 * Cross-studio isolation through every route: every operation the OpenAPI document lists under
 * `/api/v1/studios/{studio}` is called against studio B by studio A's staff (cookie), by studio A's API
 * key and by nobody, and must answer 401/403/404 — never 2xx, never 5xx. A new route is covered the day
 * it is added. The only exceptions are the public reads of a studio listed in PUBLIC_READS, which must
 * answer with B's public data and nothing else.
 */

const { Jar, signUpVerified } = identityTesting;
type Jar = InstanceType<typeof Jar>;

const STUDIO_A = 'iso-a';
const STUDIO_B = 'iso-b';
const STUDIO_PREFIX = '/api/v1/studios/{studio}';

interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  default?: unknown;
}

interface Operation {
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Strings tried, in order, against a schema's pattern. */
const PATTERN_CANDIDATES = [
  'sample',
  'sample-1',
  'Sample',
  'SAMPLE',
  'ABC',
  '12345678',
  'sample_token_0123456789',
  // A Stripe Checkout Session id (billing's return from Checkout).
  'cs_sample_0123456789',
  // A list of ids (the clients list's order totals).
  '0190a000-0000-7000-8000-000000000001',
];

/** A minimal value that validates against the schema: required properties only, first choices. */
function sample(schema: JsonSchema | undefined, doc: OpenApi, name = ''): unknown {
  if (!schema) return {};
  if (schema.$ref) {
    const ref = schema.$ref.split('/').at(-1) ?? '';
    return sample(doc.components?.schemas?.[ref], doc, name);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.default !== undefined) return schema.default;
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice) return sample(choice.find((s) => s.type !== 'null') ?? choice[0], doc, name);
  if (schema.allOf) {
    return Object.assign({}, ...schema.allOf.map((part) => sample(part, doc, name) as object));
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const key of schema.required ?? []) value[key] = sample(schema.properties?.[key], doc, key);
      return value;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, doc, name));
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, 1);
    case 'boolean':
      return false;
    default:
      return sampleString(schema, name);
  }
}

function sampleString(schema: JsonSchema, name: string): string {
  switch (schema.format) {
    case 'uuid':
      return randomUUID();
    case 'email':
      return 'someone@example.com';
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'uri':
      return 'https://example.com/x';
  }
  if (name === 'email') return 'someone@example.com';
  let value = 'sample';
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern);
    value = PATTERN_CANDIDATES.find((candidate) => pattern.test(candidate)) ?? value;
  }
  if (schema.minLength && value.length < schema.minLength) value = value.padEnd(schema.minLength, 'x');
  if (schema.maxLength && value.length > schema.maxLength) value = value.slice(0, schema.maxLength);
  return value;
}

interface Call {
  method: string;
  path: string;
  url: string;
  payload?: unknown;
  headers: Record<string, string>;
}

/** Every operation on studio B's routes, ready to send (params, required query and headers, a body). */
function studioCalls(doc: OpenApi): Call[] {
  const calls: Call[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (path !== STUDIO_PREFIX && !path.startsWith(`${STUDIO_PREFIX}/`)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const headers: Record<string, string> = { 'idempotency-key': randomUUID() };
      const query = new URLSearchParams();
      let url = path;
      for (const param of operation.parameters ?? []) {
        if (param.in === 'path') {
          const value = param.name === 'studio' ? STUDIO_B : String(sample(param.schema, doc, param.name));
          url = url.replace(`{${param.name}}`, encodeURIComponent(value));
        } else if (param.in === 'query' && param.required) {
          query.set(param.name, String(sample(param.schema, doc, param.name)));
        } else if (param.in === 'header' && param.required) {
          headers[param.name.toLowerCase()] = String(sample(param.schema, doc, param.name));
        }
      }
      const schema = operation.requestBody?.content?.['application/json']?.schema;
      const search = query.size > 0 ? `?${query}` : '';
      calls.push({
        method: method.toUpperCase(),
        path,
        url: `${url}${search}`,
        headers,
        ...(schema ? { payload: sample(schema, doc) } : {}),
      });
    }
  }
  return calls;
}

describe('isolation: nothing of studio B through any route, for studio A', () => {
  let t: TestApp;
  let staffA: Jar;
  let apiKeyA: string;
  let studioB: { id: string; slug: string };
  let calls: Call[];

  /**
   * Routes under /api/v1/studios/{studio} that anyone may read: each checks that the answer is B's public
   * data only. Keep this list short and explicit; everything else must refuse a stranger.
   */
  const PUBLIC_READS: Record<string, (body: unknown) => void> = {
    [`GET ${STUDIO_PREFIX}`]: (body) => {
      expect(body).toMatchObject({ id: studioB.id, slug: STUDIO_B });
      expect(JSON.stringify(body)).not.toContain(STUDIO_A);
    },
    [`GET ${STUDIO_PREFIX}/catalog/items`]: (body) => {
      const items = (body as { items: { slug: string; published: boolean }[] }).items;
      expect(items.map((item) => item.slug).sort()).toEqual(['b-published']);
      expect(items.every((item) => item.published)).toBe(true);
    },
    [`GET ${STUDIO_PREFIX}/catalog/search`]: (body) => {
      expect(JSON.stringify(body)).not.toContain('a-published');
      expect(JSON.stringify(body)).not.toContain('b-draft');
    },
    [`GET ${STUDIO_PREFIX}/catalog/categories`]: (body) => {
      expect((body as { items: unknown[] }).items).toEqual([]);
    },
    [`GET ${STUDIO_PREFIX}/catalog/brands`]: (body) => {
      expect((body as { items: unknown[] }).items).toEqual([]);
    },
    [`GET ${STUDIO_PREFIX}/catalog/sitemap`]: (body) => {
      const { items } = body as { items: { slug: string }[] };
      expect(items.map((item) => item.slug)).toEqual(['b-published']);
    },
  };

  /**
   * Routes under /api/v1/studios/{studio} that anyone may call as a (would-be) client of that studio: a
   * cart, a checkout, one's own wallet and orders, the payment methods offered. A stranger gets their
   * own, empty, view (or a 4xx for an empty cart), never a 5xx and never anything of studio A or of
   * another client of B.
   */
  const SHOPPER_ROUTES = new Set([
    `GET ${STUDIO_PREFIX}/payment-methods`,
    `GET ${STUDIO_PREFIX}/wallet`,
    `POST ${STUDIO_PREFIX}/wallet/top-ups`,
    `GET ${STUDIO_PREFIX}/cart`,
    `POST ${STUDIO_PREFIX}/cart/merge`,
    `POST ${STUDIO_PREFIX}/checkout/preview`,
    `POST ${STUDIO_PREFIX}/checkout`,
    `GET ${STUDIO_PREFIX}/my/orders`,
    `GET ${STUDIO_PREFIX}/my/orders/counts`,
    `GET ${STUDIO_PREFIX}/my/payment-plans`,
  ]);
  const checkShopperAnswer = (operation: string, status: number, body: string) => {
    expect(status, `${operation}: ${body}`).toBeLessThan(500);
    expect(body).not.toContain(STUDIO_A);
    if (status !== 200 || operation.endsWith('/payment-methods')) return;
    const json = JSON.parse(body) as {
      items?: unknown[];
      lines?: unknown[];
      balanceMinor?: number;
      total?: number;
    };
    expect(json.items ?? [], operation).toEqual([]);
    expect(json.lines ?? [], operation).toEqual([]);
    expect(json.balanceMinor ?? 0, operation).toBe(0);
    expect(json.total ?? 0, operation).toBe(0);
  };

  beforeAll(async () => {
    t = await buildTestApp();
    const ownerA = await signUpVerified(t, 'iso-owner-a@example.com');
    const ownerB = await signUpVerified(t, 'iso-owner-b@example.com');
    const staff = await signUpVerified(t, 'iso-staff-a@example.com');
    staffA = staff.jar;
    const open = async (jar: Jar, slug: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/studios',
        headers: { origin: t.config.publicUrl, cookie: jar.header() },
        payload: { slug, name: slug, currency: 'USD', timezone: 'UTC', locale: 'en' },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { id: string; slug: string };
    };
    const studioA = await open(ownerA.jar, STUDIO_A);
    studioB = await open(ownerB.jar, STUDIO_B);

    // Setup only: staff membership and catalog items (the catalog has no write routes yet).
    const studios = createStudiosService({ database: t.database, cache: t.cache });
    await studios.seedMember(studioA.id, {
      userId: staff.userId,
      name: 'Staff A',
      email: 'iso-staff-a@example.com',
      role: 'staff',
    });
    const catalog = createCatalogService();
    const item = (studio: { id: string }, slug: string, published: boolean) =>
      t.database.withStudio(studio.id, (tx) =>
        catalog.create(
          { studioId: studio.id, actor: ANONYMOUS, tx },
          { kind: 'product', slug, name: slug, priceMinor: 100, published, currency: 'USD' },
        ),
      );
    await item(studioA, 'a-published', true);
    await item(studioB, 'b-published', true);
    await item(studioB, 'b-draft', false);

    const key = await t.app.inject({
      method: 'POST',
      url: `/api/v1/studios/${STUDIO_A}/api-keys`,
      headers: { origin: t.config.publicUrl, cookie: ownerA.jar.header() },
      payload: { name: 'Isolation' },
    });
    expect(key.statusCode, key.body).toBe(201);
    apiKeyA = key.json().key;

    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as OpenApi;
    calls = studioCalls(doc);
  });
  afterAll(async () => t.close());

  it('finds the studio routes in the OpenAPI document, the public reads among them', () => {
    const operations = calls.map((call) => `${call.method} ${call.path}`);
    // A guard against a filter that quietly matches nothing.
    expect(operations.length).toBeGreaterThanOrEqual(10);
    for (const publicRead of Object.keys(PUBLIC_READS)) expect(operations).toContain(publicRead);
    for (const shopperRoute of SHOPPER_ROUTES) expect(operations).toContain(shopperRoute);
  });

  const callers: [string, () => Record<string, string>][] = [
    ["studio A's staff (cookie)", () => ({ cookie: staffA.header(), origin: t.config.publicUrl })],
    ["studio A's API key", () => ({ authorization: `Bearer ${apiKeyA}` })],
    ['nobody', () => ({ origin: t.config.publicUrl })],
  ];

  it.each(callers)('refuses %s everything of studio B but its public reads', async (_who, credentials) => {
    const leaks: string[] = [];
    for (const call of calls) {
      const operation = `${call.method} ${call.path}`;
      const res = await t.app.inject({
        method: call.method as 'GET',
        url: call.url,
        headers: { ...call.headers, ...credentials() },
        ...(call.payload === undefined ? {} : { payload: call.payload as Record<string, unknown> }),
      });
      const check = PUBLIC_READS[operation];
      if (check && call.method === 'GET') {
        expect(res.statusCode, `${operation}: ${res.body}`).toBe(200);
        check(res.json());
        continue;
      }
      if (SHOPPER_ROUTES.has(operation)) {
        checkShopperAnswer(operation, res.statusCode, res.body);
        continue;
      }
      if (![401, 403, 404].includes(res.statusCode)) {
        leaks.push(`${operation} -> ${res.statusCode} ${res.body.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
