import { readFileSync } from 'node:fs';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signUpVerified } from './modules/identity/testing.js';
import { createStudiosService } from './modules/index.js';
import { buildTestApp, type TestApp } from './testing.js';

/** A JSON route added for these tests: it exercises body parsing, validation and Idempotency-Key. */
let sideEffects = 0;
let slowRelease: (() => void) | undefined;

async function prepare(app: TestApp['app']) {
  app.post(
    '/api/v1/test/orders',
    {
      config: { idempotent: true },
      schema: {
        body: Type.Object({
          customer: Type.Object({ email: Type.String({ format: 'email' }) }),
          lines: Type.Array(
            Type.Object({ sku: Type.String({ minLength: 1 }), quantity: Type.Integer({ minimum: 1 }) }),
            {
              minItems: 1,
            },
          ),
          slow: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request, reply) => {
      const body = request.body as { slow?: boolean };
      if (body.slow) await new Promise<void>((resolve) => (slowRelease = resolve));
      sideEffects++;
      return reply.status(201).send({ orderNumber: `T-${sideEffects}` });
    },
  );
  // Echoes what validation left of the body and the query, to show what is (not) coerced.
  app.post(
    '/api/v1/test/echo',
    {
      schema: {
        body: Type.Object({
          limit: Type.Union([Type.Integer({ minimum: 1 }), Type.Null()]),
          count: Type.Integer(),
        }),
        querystring: Type.Object({
          page: Type.Optional(Type.Integer()),
          tag: Type.Optional(Type.Array(Type.String())),
        }),
      },
    },
    async (request) => ({ body: request.body, query: request.query }),
  );
}

const order = { customer: { email: 'ada@example.com' }, lines: [{ sku: 'MIX-PRO', quantity: 1 }] };

describe('HTTP edge', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp({ prepare });
  });
  afterAll(async () => t.close());

  it('answers malformed JSON with 400 invalid_json as problem+json', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      headers: { 'content-type': 'application/json' },
      payload: '{"customer": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 400, code: 'invalid_json', instance: '/api/v1/test/orders' });
  });

  it('keeps a JSON body as sent (null stays null, "5" is refused) and coerces query strings', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo?page=2&tag=a',
      payload: { limit: null, count: 3 },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ body: { limit: null, count: 3 }, query: { page: 2, tag: ['a'] } });
    const typed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      payload: { limit: 2, count: '5' },
    });
    expect(typed.statusCode).toBe(400);
    expect(JSON.stringify(typed.json())).toContain('count');
  });

  it('refuses what the database could not store, naming the field: NUL in text, numbers past 2^53', async () => {
    const cases: [string, { method: 'GET' | 'POST'; url: string; payload?: object }][] = [
      ['query.tag[0]', { method: 'GET', url: '/api/v1/studios/any/catalog/items?tag=a%00b' }],
      ['params.slug', { method: 'GET', url: '/api/v1/studios/any/catalog/items/%00' }],
      ['query.minPrice', { method: 'GET', url: '/api/v1/studios/any/catalog/items?minPrice=1e20' }],
      ['body.count', { method: 'POST', url: '/api/v1/test/echo', payload: { limit: null, count: 1e20 } }],
      [
        'body.lines[0].sku',
        {
          method: 'POST',
          url: '/api/v1/test/orders',
          payload: { ...order, lines: [{ sku: 'MIX\u0000PRO', quantity: 1 }] },
        },
      ],
    ];
    for (const [field, request] of cases) {
      const res = await t.app.inject(request);
      expect(res.statusCode, `${request.url}: ${res.body}`).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'validation_failed',
        errors: [expect.objectContaining({ field })],
      });
    }
    // The same routes still take ordinary input.
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/echo',
      payload: { limit: 2, count: 2 ** 53 - 1 },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('answers a wrong content type with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('unsupported_media_type');
  });

  it('answers a 10 MB body on a JSON route with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ padding: 'x'.repeat(10 * 1024 * 1024) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });

  it('answers an unknown route with 404 route_not_found', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'route_not_found', status: 404 });
  });

  it('names every invalid field of a body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      payload: { customer: { email: 'not-an-email' }, lines: [{ sku: '', quantity: 0 }] },
    });
    expect(res.statusCode).toBe(400);
    const fields = (res.json().errors as { field: string }[]).map((error) => error.field).sort();
    expect(fields).toEqual(['body.customer.email', 'body.lines[0].quantity', 'body.lines[0].sku']);
  });

  it("says what each field needs in plain words, once per field, not in the schema's", async () => {
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      payload: { customer: { email: 'not-an-email' }, lines: [{ sku: '', quantity: 1.5 }], extra: 1 },
    });
    expect(body.statusCode).toBe(400);
    expect(body.json().errors).toEqual(
      expect.arrayContaining([
        {
          field: 'body.customer.email',
          message: 'must be an email address',
          reason: 'schema.format',
          params: { format: 'email' },
        },
        {
          field: 'body.lines[0].sku',
          message: 'must not be empty',
          reason: 'schema.minLength',
          params: { limit: 1 },
        },
        {
          field: 'body.lines[0].quantity',
          message: 'must be a whole number',
          reason: 'schema.type',
          params: { type: 'integer' },
        },
      ]),
    );
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      payload: { lines: [] },
    });
    expect(missing.json().errors).toEqual(
      expect.arrayContaining([
        { field: 'body.customer', message: 'is required', reason: 'schema.required' },
        {
          field: 'body.lines',
          message: 'must not be empty',
          reason: 'schema.minItems',
          params: { limit: 1 },
        },
      ]),
    );
    // An enum written as a union of literals: one error naming the choices, not one per choice.
    const sort = await t.app.inject({
      method: 'GET',
      url: '/api/v1/studios/any/catalog/items?sort=cheapest',
    });
    expect(sort.statusCode).toBe(400);
    const errors = sort.json().errors as { field: string; message: string }[];
    expect(errors).toHaveLength(1);
    expect(errors[0]!.field).toBe('query.sort');
    expect(errors[0]!.message).toMatch(/^must be one of: (\w+, )+\w+$/);
    expect(errors[0]!.message).toContain('price_asc');
    expect(errors[0]).toMatchObject({
      reason: 'schema.enum',
      params: { allowed: expect.stringContaining('price_asc') },
    });
    expect(sort.json().detail).toBe(`query.sort ${errors[0]!.message}`);
  });

  it('names a missing property by its path', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      payload: { lines: order.lines },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual(expect.objectContaining({ field: 'body.customer' }));
  });

  it('names a query parameter out of range', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/studios?limit=1000' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('query.limit');
  });

  it('refuses a cursor it did not issue, naming the field', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/studios?cursor=bm90LWEtY3Vyc29y' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'invalid_cursor', errors: [{ field: 'query.cursor' }] });
  });

  it('pages through a list with cursors, newest first, without gaps or repeats', async () => {
    const studios = createStudiosService({ database: t.database, cache: t.cache });
    const slugs = ['paging-a', 'paging-b', 'paging-c', 'paging-d', 'paging-e'];
    for (const slug of slugs) {
      await studios.create({
        slug,
        name: slug,
        currency: 'USD',
        timezone: 'UTC',
        locale: 'en',
        brand: { primaryColor: '#000000', accentColor: '#ffffff', logoText: 'P', logoUrl: null },
      });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/studios?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      const page = res.json() as { items: { slug: string }[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((studio) => studio.slug));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...slugs].reverse());
  });

  it('keeps a sane incoming request id and makes one otherwise', async () => {
    const kept = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'lb-1234' },
    });
    expect(kept.headers['x-request-id']).toBe('lb-1234');
    const made = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'not a sane id; <script>' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI 3.1 document and the reference UI', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const openapi = doc.json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/api/v1/studios', '/api/v1/studios/{studio}']),
    );
    expect(openapi.components.schemas.Problem).toBeDefined();
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
  });

  it('matches the OpenAPI document the SDK was generated from (else run npm run sdk:generate)', async () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../../packages/sdk/openapi.json', import.meta.url), 'utf8'),
    );
    const live = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    // The test app adds routes of its own; compare everything else.
    delete live.paths['/api/v1/test/orders'];
    delete live.paths['/api/v1/test/echo'];
    expect(live.paths).toEqual(committed.paths);
    expect(live.components).toEqual(committed.components);
  });

  it('exposes Prometheus metrics with request durations by route', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/studios' });
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(
      /atelier_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/studios",status="200"\}/,
    );
  });
});

describe('Idempotency-Key', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ prepare });
  });
  afterAll(async () => t.close());

  it('replays the first answer and performs the side effect once', async () => {
    const before = sideEffects;
    const send = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/test/orders',
        headers: { 'idempotency-key': 'order-1' },
        payload: order,
      });
    const first = await send();
    const second = await send();
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(sideEffects - before).toBe(1);
  });

  it('refuses the same key for a different request with 422', async () => {
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      headers: { 'idempotency-key': 'order-2' },
      payload: order,
    });
    const reused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      headers: { 'idempotency-key': 'order-2' },
      payload: { ...order, lines: [{ sku: 'OTHER', quantity: 2 }] },
    });
    expect(reused.statusCode).toBe(422);
    expect(reused.json().code).toBe('idempotency_key_reused');
  });

  it('answers 409 to a retry while the first request is still running, then replays', async () => {
    const before = sideEffects;
    const slowOrder = { ...order, slow: true };
    const first = t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      headers: { 'idempotency-key': 'order-3' },
      payload: slowOrder,
    });
    while (!slowRelease) await new Promise((resolve) => setTimeout(resolve, 10));
    const concurrent = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      headers: { 'idempotency-key': 'order-3' },
      payload: slowOrder,
    });
    expect(concurrent.statusCode).toBe(409);
    expect(concurrent.json().code).toBe('idempotency_in_progress');
    slowRelease();
    expect((await first).statusCode).toBe(201);
    const replay = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      headers: { 'idempotency-key': 'order-3' },
      payload: slowOrder,
    });
    expect(replay.json()).toEqual((await first).json());
    expect(sideEffects - before).toBe(1);
  });

  it("keeps signed-in people's keys apart on one address, and one person's across addresses", async () => {
    const before = sideEffects;
    const [x, y] = [
      await signUpVerified(t, 'idem-x@example.com'),
      await signUpVerified(t, 'idem-y@example.com'),
    ];
    const send = (jar: typeof x.jar, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/test/orders',
        remoteAddress,
        headers: {
          'idempotency-key': 'shared-key',
          cookie: jar.header(),
          origin: new URL(t.config.publicUrl).origin,
        },
        payload: order,
      });
    const fromX = await send(x.jar, '10.0.0.1');
    const fromY = await send(y.jar, '10.0.0.1');
    expect([fromX.statusCode, fromY.statusCode]).toEqual([201, 201]);
    // Y gets an answer of their own, not X's replayed.
    expect(fromY.headers['idempotent-replayed']).toBeUndefined();
    expect(fromY.json()).not.toEqual(fromX.json());
    // X retrying from another network gets the first answer back.
    const retried = await send(x.jar, '10.9.9.9');
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json()).toEqual(fromX.json());
    expect(sideEffects - before).toBe(2);
  });

  it('refuses a malformed key, naming the header', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/test/orders',
      headers: { 'idempotency-key': 'x'.repeat(300) },
      payload: order,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].field).toBe('headers.idempotency-key');
  });
});

describe('rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ config: { rateLimitPerMinute: 3 } });
  });
  afterAll(async () => t.close());

  it('answers 429 with Retry-After once a caller exceeds the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await t.app.inject({ method: 'GET', url: '/api/v1/studios' })).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await t.app.inject({ method: 'GET', url: '/api/v1/studios' });
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('never limits the health probes', async () => {
    for (let i = 0; i < 5; i++)
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});

describe('health and readiness', () => {
  let storageDown = false;
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({
      storage: (storage) => ({
        ...storage,
        ping: async () => {
          if (storageDown) throw new Error('bucket unreachable');
          await storage.ping();
        },
      }),
    });
  });
  afterAll(async () => t.close());

  it('reports every dependency when all answer', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(res.statusCode).toBe(200);
    const { status, checks } = res.json();
    expect(status).toBe('ready');
    expect(checks.database.status).toBe('up');
    expect(checks.queue.status).toBe('up');
    expect(checks.storage).toMatchObject({ status: 'up', driver: 'local' });
    expect(checks.mail).toMatchObject({ status: 'up', driver: 'kept' });
    expect(['up', 'not_configured']).toContain(checks.redis.status);
  });

  it('answers 503 and names the dependency that is down', async () => {
    storageDown = true;
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json().checks.storage).toMatchObject({ status: 'down', error: 'bucket unreachable' });
      expect(res.json().checks.database.status).toBe('up');
      // Liveness is about the process, not its dependencies.
      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    } finally {
      storageDown = false;
    }
  });
});
