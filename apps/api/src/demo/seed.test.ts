import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import * as identityTesting from '../modules/identity/testing.js';
import { openDatabase } from '../platform/db/index.js';
import { buildTestApp, type TestApp } from '../testing.js';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TOTP_SECRET } from './people.js';
import { seedDemo } from './seed.js';

const { Jar, totpCode } = identityTesting;
const DEMO_TOTP_URI = `otpauth://totp/Atelier:demo?secret=${DEMO_TOTP_SECRET}&issuer=Atelier`;

describe('demo: the supplier requires two-factor of its staff', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    const { database, cache, mailer, config } = t;
    await seedDemo({ config, database, cache, mailer, logger: pino({ level: 'silent' }) });
    // Seeding includes the demo catalogs (the supplier's 5,000 products): seconds, more on a busy machine.
  }, 180_000);
  afterAll(async () => t.close());

  const signIn = (email: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in/email',
      headers: { origin: t.config.publicUrl },
      payload: { email, password: DEMO_PASSWORD },
    });

  it('signs Priya in with the printed demo secret and lets her work', async () => {
    const first = await signIn('priya@volt-supply.test');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ twoFactorRedirect: true });
    const jar = new Jar().take(first.headers['set-cookie']);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/auth/two-factor/verify-totp',
      headers: { origin: t.config.publicUrl, cookie: jar.header() },
      payload: { code: totpCode(DEMO_TOTP_URI) },
    });
    expect(verified.statusCode, verified.body).toBe(200);
    jar.take(verified.headers['set-cookie']);
    const clients = await t.app.inject({
      method: 'GET',
      url: '/api/v1/studios/volt-supply/clients',
      headers: { cookie: jar.header() },
    });
    expect(clients.statusCode, clients.body).toBe(200);
  });

  it('asks the owner, who has no TOTP yet, to turn it on', async () => {
    const res = await signIn('frank@volt-supply.test');
    expect(res.statusCode).toBe(200);
    const jar = new Jar().take(res.headers['set-cookie']);
    const studio = await t.app.inject({ method: 'GET', url: '/api/v1/studios/volt-supply' });
    expect(studio.json().requireStaffTwoFactor).toBe(true);
    const team = await t.app.inject({
      method: 'GET',
      url: '/api/v1/studios/volt-supply/members',
      headers: { cookie: jar.header() },
    });
    expect(team.statusCode).toBe(403);
    expect(team.json()).toMatchObject({ code: 'forbidden', detail: expect.stringMatching(/two-factor/) });
  });

  const ownerOfQr = async () => new Jar().take((await signIn('krit@qr-studios.test')).headers['set-cookie']);
  const salesOfQr = async (jar: InstanceType<typeof Jar>) => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/studios/qr-studios/admin/orders/sales?days=90',
      headers: { cookie: jar.header() },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it("gives the studios a sales history the owner's dashboard shows", async () => {
    const sales = await salesOfQr(await ownerOfQr());
    expect(sales.currency).toBe('THB');
    // ~1.2 orders a day over six months: the 90 days and the 90 before both have sales.
    expect(sales.period.orders).toBeGreaterThan(60);
    expect(sales.previous.orders).toBeGreaterThan(40);
    // The newest orders are paid and not yet handed over; none waits for payment.
    expect(sales.open.toFulfil).toBeGreaterThan(0);
    expect(sales.open.awaitingPayment).toBe(0);
    // Every demo studio got its history (a refused order would have left its studio without one).
    const counts = (await t.database.db.execute(
      sql`select s.slug, count(o.id)::int as n from studios s left join orders o on o.studio_id = s.id group by s.slug`,
    )) as unknown as { rows: { slug: string; n: number }[] };
    for (const { slug, n } of counts.rows) expect(n, slug).toBeGreaterThan(10);
    // Placed and confirmed in opening hours on each studio's own clock (Bangkok's and Los Angeles'
    // alike); the last day's confirmations may be squeezed in before "now" whatever the hour.
    const hours = (await t.database.db.execute(
      sql`select s.slug, min(extract(hour from o.created_at at time zone s.timezone))::int as earliest,
            max(extract(hour from o.created_at at time zone s.timezone))::int as latest,
            min(extract(hour from o.paid_at at time zone s.timezone))
              filter (where o.paid_at < now() - interval '1 day')::int as earliest_paid,
            max(extract(hour from o.paid_at at time zone s.timezone))
              filter (where o.paid_at < now() - interval '1 day')::int as latest_paid
          from studios s join orders o on o.studio_id = s.id group by s.slug`,
    )) as unknown as {
      rows: { slug: string; earliest: number; latest: number; earliest_paid: number; latest_paid: number }[];
    };
    expect(hours.rows).toHaveLength(counts.rows.length);
    for (const row of hours.rows) {
      expect(row.earliest, row.slug).toBeGreaterThanOrEqual(8);
      expect(row.earliest_paid, row.slug).toBeGreaterThanOrEqual(8);
      expect(row.latest, row.slug).toBeLessThanOrEqual(20);
      expect(row.latest_paid, row.slug).toBeLessThanOrEqual(20);
    }
    // Staff ship and hand over in opening hours too (the last day's steps may be squeezed before "now").
    const steps = (await t.database.db.execute(
      sql`select min(extract(hour from e.created_at at time zone s.timezone))::int as earliest,
            max(extract(hour from e.created_at at time zone s.timezone))::int as latest, count(*)::int as n
          from order_events e join studios s on s.id = e.studio_id
          where e.kind = 'status' and e.to_value in ('shipped', 'fulfilled', 'delivered', 'completed')
            and e.created_at < now() - interval '1 day'`,
    )) as unknown as { rows: { earliest: number; latest: number; n: number }[] };
    expect(steps.rows[0]!.n).toBeGreaterThan(100);
    expect(steps.rows[0]!.earliest).toBeGreaterThanOrEqual(8);
    expect(steps.rows[0]!.latest).toBeLessThanOrEqual(20);
  });

  it("gives Mint, the demo's signed-in client, past orders of her own to find in the portal", async () => {
    const jar = new Jar().take((await signIn('mint@players.test')).headers['set-cookie']);
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/studios/qr-studios/my/orders?limit=100',
      headers: { cookie: jar.header() },
    });
    expect(mine.statusCode, mine.body).toBe(200);
    const orders = mine.json().items as { paymentStatus: string; email: string }[];
    // One buyer in twelve of ~200 orders; all paid, none of them someone else's.
    expect(orders.length).toBeGreaterThan(3);
    expect(new Set(orders.map((o) => o.paymentStatus))).toEqual(new Set(['paid']));
    expect(new Set(orders.map((o) => o.email))).toEqual(new Set(['mint@players.test']));
  });

  it('is idempotent: a second seeding creates nothing and keeps the TOTP secret', async () => {
    const { database, cache, mailer, config } = t;
    const before = await salesOfQr(await ownerOfQr());
    const again = await seedDemo({ config, database, cache, mailer, logger: pino({ level: 'silent' }) });
    expect(again).toEqual({ studiosCreated: 0, peopleCreated: 0 });
    expect((await signIn('priya@volt-supply.test')).json()).toMatchObject({ twoFactorRedirect: true });
    expect((await salesOfQr(await ownerOfQr())).period).toEqual(before.period);
  }, 60_000);
});

describe('demo: QR Studios has a player who is a client, not a member', () => {
  it('lists Mint among the studio clients, linked to an account', async () => {
    const t = await buildTestApp();
    try {
      const { database, cache, mailer, config } = t;
      await seedDemo({ config, database, cache, mailer, logger: pino({ level: 'silent' }) });
      const owner = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in/email',
        headers: { origin: t.config.publicUrl },
        payload: { email: 'krit@qr-studios.test', password: DEMO_PASSWORD },
      });
      const jar = new Jar().take(owner.headers['set-cookie']);
      const clients = await t.app.inject({
        method: 'GET',
        url: '/api/v1/studios/qr-studios/clients',
        headers: { cookie: jar.header() },
      });
      expect(clients.statusCode).toBe(200);
      const mint = (clients.json().items as { email: string; userId: string | null }[]).find(
        (c) => c.email === 'mint@players.test',
      );
      expect(mint?.userId).toBeTruthy();
    } finally {
      await t.close();
    }
  }, 180_000);
});

// Two replicas booting on one empty database exist only with a shared server; PGlite is one process.
if (loadConfig({ ...process.env, NODE_ENV: 'test' }).databaseUrl) {
  describe('demo: two replicas starting on one empty Postgres', () => {
    it('seed it once between them: one creates everything, the other finds it there', async () => {
      const t = await buildTestApp();
      const { engine } = t.database;
      if (engine.kind !== 'postgres') throw new Error('expected Postgres');
      const other = await openDatabase({ databaseUrl: engine.connectionString, poolSize: 3 });
      try {
        const seed = (database: typeof other) =>
          seedDemo({ ...t, database, logger: pino({ level: 'silent' }) });
        const results = await Promise.all([seed(t.database), seed(other)]);
        // Side by side, both saw "no categories yet" and the slower stopped on a duplicate key; taking
        // turns, the second finds everything there and creates nobody.
        const created = results.map((r) => r.peopleCreated).sort((a, b) => a - b);
        expect(created).toEqual([0, DEMO_PEOPLE.length]);
        const rows = (await t.database.db.execute(
          sql`select (select count(*)::int from orders) as orders, (select count(*)::int from users) as users`,
        )) as unknown as { rows: { orders: number; users: number }[] };
        const [counts] = rows.rows;
        expect(counts?.orders).toBeGreaterThan(100);
        expect(counts?.users).toBe(DEMO_PEOPLE.length);
      } finally {
        await other.close();
        await t.close();
      }
    }, 240_000);
  });
}
