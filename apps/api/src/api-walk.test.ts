import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as identityTesting from './modules/identity/testing.js';
import { buildTestApp, type TestApp } from './testing.js';

/**
 * "Nothing a user sends may cause a 500", checked across the whole API: every operation in the OpenAPI
 * document is called by a signed-in studio owner with a body its own schema accepts and then with one
 * value at a time pushed to an edge the schema still allows (integers past int4, the schema's maximum,
 * 100,000-character and emoji strings, far dates), with unknown ids and with the studio's real ids.
 * Any 5xx is a failure, listed with what was sent. (Found the first time: a SKU pattern making SKUs a
 * variant cannot have, and an empty promo-code PATCH.)
 */

type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
};
interface Operation {
  parameters?: { in: string; name: string; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema: Schema }> };
}
type Doc = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
};
type Path = (string | number)[];
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Not walked: sign-in machinery (its own tests), the platform admin, webhooks (signed), account deletion. */
const NOT_WALKED = /\/api\/auth\/|\/sign-out|\/webhooks\/|\/platform\/|\/api\/v1\/me$|\/me\/account/;

function walker(doc: Doc) {
  const resolve = (schema: Schema | undefined): Schema =>
    schema?.$ref ? resolve(doc.components.schemas[schema.$ref.split('/').pop() ?? '']) : (schema ?? {});
  const typeOf = (schema: Schema) =>
    Array.isArray(schema.type) ? schema.type.find((type) => type !== 'null') : schema.type;
  const firstOption = (schema: Schema) => {
    const options = (schema.anyOf ?? schema.oneOf ?? []).map(resolve);
    return options.find((option) => option.type !== 'null') ?? options[0];
  };

  /** A value the schema accepts (required properties only), or close to one. */
  function sample(input: Schema | undefined, depth = 0): unknown {
    const schema = resolve(input);
    if (depth > 8) return null;
    if (schema.const !== undefined) return schema.const;
    if (schema.enum) return schema.enum[0];
    if (schema.anyOf || schema.oneOf) return sample(firstOption(schema), depth + 1);
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((part) => sample(part, depth + 1)));
    switch (typeOf(schema)) {
      case 'object': {
        const out: Record<string, unknown> = {};
        for (const key of schema.required ?? []) out[key] = sample(schema.properties?.[key], depth + 1);
        return out;
      }
      case 'array':
        return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items, depth + 1));
      case 'integer':
      case 'number':
        return schema.minimum ?? 1;
      case 'boolean':
        return true;
      case 'string':
        if (schema.format === 'uuid') return randomUUID();
        if (schema.format === 'date-time') return new Date(Date.now() + 86_400_000).toISOString();
        if (schema.format === 'date') return '2026-12-01';
        if (schema.format === 'email') return `walk-${randomUUID().slice(0, 8)}@example.com`;
        if (schema.format === 'uri') return 'https://example.com/walk';
        return 'w'.repeat(Math.max(schema.minLength ?? 1, 1));
      default:
        return null;
    }
  }

  /** Every number and string in `value` that its schema describes, with where it is. */
  function leaves(input: Schema | undefined, value: unknown, path: Path = [], depth = 0) {
    const out: { path: Path; schema: Schema }[] = [];
    const schema = resolve(input);
    if (depth > 8) return out;
    if (schema.anyOf || schema.oneOf) return leaves(firstOption(schema), value, path, depth + 1);
    const type = typeOf(schema);
    if (type === 'object' && value && typeof value === 'object') {
      for (const [key, sub] of Object.entries(schema.properties ?? {})) {
        if (key in value)
          out.push(...leaves(sub, (value as Record<string, unknown>)[key], [...path, key], depth + 1));
      }
    } else if (type === 'array' && Array.isArray(value) && value.length > 0) {
      out.push(...leaves(schema.items, value[0], [...path, 0], depth + 1));
    } else if (type === 'integer' || type === 'number' || type === 'string') {
      out.push({ path, schema });
    }
    return out;
  }

  /** Values at the edges the schema still allows (what it refuses is the schema's own business). */
  function edges(input: Schema): unknown[] {
    const schema = resolve(input);
    const type = typeOf(schema);
    if (type === 'integer' || type === 'number') {
      const min = schema.minimum ?? Number.NEGATIVE_INFINITY;
      const max = schema.maximum ?? Number.POSITIVE_INFINITY;
      return [2 ** 31, 2 ** 53 - 1, -(2 ** 31) - 1, schema.maximum, schema.minimum].filter(
        (n): n is number => typeof n === 'number' && n >= min && n <= max,
      );
    }
    if (type !== 'string' || schema.enum || schema.pattern) return [];
    if (schema.format === 'date-time') return ['9999-12-31T23:59:59.999Z', '1900-01-01T00:00:00Z'];
    if (schema.format === 'date') return ['9999-12-31', '1900-01-01'];
    if (schema.format) return [];
    const longest = Math.min(schema.maxLength ?? 100_000, 100_000);
    return [
      'x'.repeat(longest),
      '🙂'.repeat(Math.floor(longest / 2)),
      ' ',
      "'; drop table studios; --",
    ].filter(
      (text) => text.length >= (schema.minLength ?? 0) && text.length <= (schema.maxLength ?? 100_000),
    );
  }

  return { resolve, sample, leaves, edges };
}

function setAt(value: unknown, path: Path, leaf: unknown): unknown {
  if (path.length === 0) return leaf;
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1) as string | number] = leaf;
  return copy;
}

describe('the whole API, walked', () => {
  let t: TestApp;
  let cookie: string;
  const STUDIO = 'walk';
  const SHOP = `/api/v1/studios/${STUDIO}`;

  const send = (method: Method, url: string, payload?: unknown, asOwner = true) =>
    t.app.inject({
      method,
      url,
      headers: {
        origin: t.config.publicUrl,
        'idempotency-key': randomUUID(),
        ...(asOwner ? { cookie } : {}),
      },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const created = async (method: Method, url: string, payload: unknown, asOwner = true) => {
    const res = await send(method, url, payload, asOwner);
    expect(res.statusCode, `${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  beforeAll(async () => {
    t = await buildTestApp({ config: { logLevel: 'silent', rateLimitPerMinute: 1_000_000 } });
    const owner = await identityTesting.signUpVerified(t, 'walker@example.com', 'Walker');
    cookie = owner.jar.header();
    // A studio with a row of every kind the id routes name: category, published item, promo code,
    // flash sale, and a guest's order with its payment.
    await created('POST', '/api/v1/studios', {
      slug: STUDIO,
      name: 'Walk',
      currency: 'USD',
      timezone: 'UTC',
      locale: 'en',
    });
    const category = await created('POST', `${SHOP}/admin/catalog/categories`, { name: 'Walk category' });
    const item = await created('POST', `${SHOP}/admin/catalog/items`, {
      kind: 'product',
      name: 'Walk print',
      status: 'published',
      categoryId: category.id,
      details: { unit: 'pcs', specs: [] },
      variants: [{ sku: 'WALK-1', priceMinor: 1_000, trackStock: false }],
    });
    await created('POST', `${SHOP}/admin/promo-codes`, {
      kind: 'percentage',
      code: 'WALK10',
      percentOff: 10,
    });
    await created('POST', `${SHOP}/admin/catalog/flash-sales`, {
      itemId: item.id,
      name: 'Walk sale',
      percentOff: 10,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    });
    await created(
      'POST',
      `${SHOP}/checkout`,
      {
        email: 'walk-buyer@example.com',
        name: 'Walk Buyer',
        lines: [{ variantId: item.variants[0].id, quantity: 1 }],
        shippingAddress: {
          name: 'Walk Buyer',
          line1: '1 Road',
          city: 'Austin',
          postalCode: '73301',
          country: 'US',
        },
        paymentProvider: 'manual',
        manualMethod: 'bank_transfer',
      },
      false,
    );
  }, 120_000);
  afterAll(async () => t.close());

  it('answers every operation below 500, whatever edge of its schema it is sent', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as Doc;
    const { resolve, sample, leaves, edges } = walker(doc);

    /** The first id the studio's collection lists (children of trees too), or a fresh uuid. */
    const known = new Map<string, string>();
    const idIn = async (collection: string) => {
      if (!known.has(collection)) {
        const res = await send('GET', collection);
        const body = res.statusCode === 200 ? res.json() : null;
        const rows: unknown[] = Array.isArray(body) ? body : (body?.items ?? body?.categories ?? []);
        const flat = (list: unknown[]): Record<string, unknown>[] =>
          (list as Record<string, unknown>[]).flatMap((row) => [
            row,
            ...flat((row.children as unknown[]) ?? []),
          ]);
        const id = flat(rows).find((row) => typeof row.id === 'string')?.id;
        known.set(collection, typeof id === 'string' ? id : randomUUID());
      }
      return known.get(collection) as string;
    };
    const urlsOf = async (template: string) => {
      const unknown = template.replace(/\{(\w+)\}/g, (_, name: string) =>
        name === 'studio' ? STUDIO : /(^id|Id)$/.test(name) ? randomUUID() : 'no-such-thing',
      );
      let real = template.replace('{studio}', STUDIO);
      for (const match of [...real.matchAll(/\{(\w+)\}/g)]) {
        const before = real.slice(0, real.indexOf(match[0]) - 1);
        const collection =
          before.endsWith('/orders') && !before.includes('/admin/')
            ? before.replace('/orders', '/admin/orders')
            : before;
        real = real.replace(
          match[0],
          /(^id|Id)$/.test(match[1] ?? '') ? await idIn(collection) : 'no-such-thing',
        );
      }
      return real === unknown ? [unknown] : [unknown, real];
    };

    const failures: string[] = [];
    let sent = 0;
    const check = async (method: Method, url: string, payload?: unknown) => {
      sent++;
      const res = await send(method, url, payload);
      if (res.statusCode >= 500) {
        failures.push(
          `${method} ${url} ${JSON.stringify(payload)?.slice(0, 200)} -> ${res.statusCode} ${res.body.slice(0, 200)}`,
        );
      }
    };

    const operations = Object.entries(doc.paths)
      .filter(([template]) => !NOT_WALKED.test(template))
      .flatMap(([template, item]) =>
        Object.entries(item)
          .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
          .map(([method, operation]) => ({ template, method: method.toUpperCase() as Method, operation })),
      )
      // Deletions last, so the rows they remove were there for everything else.
      .sort((a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'));

    for (const { template, method, operation } of operations) {
      for (const url of await urlsOf(template)) {
        for (const parameter of operation.parameters ?? []) {
          if (parameter.in !== 'query') continue;
          for (const value of edges(resolve(parameter.schema))) {
            await check(method, `${url}?${parameter.name}=${encodeURIComponent(String(value))}`);
          }
        }
        const body = operation.requestBody?.content?.['application/json']?.schema;
        if (!body) {
          await check(method, url);
          continue;
        }
        const good = sample(body);
        await check(method, url, good);
        for (const leaf of leaves(body, good)) {
          for (const value of edges(leaf.schema)) await check(method, url, setAt(good, leaf.path, value));
        }
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 600_000);
});
