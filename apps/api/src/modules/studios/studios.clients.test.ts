import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../platform/db/index.js';
import { buildTestApp, openStudio, requestAs, type TestApp } from '../../testing.js';
import * as identityTesting from '../identity/testing.js';
import { studioClients, studioMembers } from './studios.tables.js';

const { signUpVerified } = identityTesting;
type Person = Awaited<ReturnType<typeof signUpVerified>>;

const CLIENTS = '/api/v1/studios/ledger-lane/clients';

/**
 * The clients area's API: staff find a client by part of their name, email or phone, see live or
 * retired records, open one and correct its name or phone. Nothing of another studio's shows.
 */
describe('studios: the clients list, one client, and staff corrections', () => {
  let t: TestApp;
  let owner: Person;
  let moderator: Person;
  let otherOwner: Person;
  let studioId: string;
  let otherClientId: string;
  const ids: Record<string, string> = {};

  const addClient = async (
    sid: string,
    row: { email: string; name: string; phone?: string; retired?: boolean },
  ) => {
    const id = uuidv7();
    await t.database.withStudio(sid, (tx) =>
      tx.insert(studioClients).values({
        id,
        studioId: sid,
        email: row.email,
        name: row.name,
        phone: row.phone ?? null,
        retiredAt: row.retired ? new Date() : null,
      }),
    );
    return id;
  };
  const list = async (query: string, who: Person = owner) => {
    const res = await requestAs(t, who)('GET', `${CLIENTS}?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: { id: string; name: string }[]; nextCursor: string | null };
  };

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await signUpVerified(t, 'lane-owner@example.com', 'Lane Owner');
    moderator = await signUpVerified(t, 'lane-mod@example.com', 'Lane Moderator');
    otherOwner = await signUpVerified(t, 'elsewhere-owner@example.com', 'Elsewhere Owner');
    ({ id: studioId } = await openStudio(t, owner, {
      slug: 'ledger-lane',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
    }));
    const other = await openStudio(t, otherOwner, {
      slug: 'elsewhere',
      currency: 'THB',
      timezone: 'Asia/Bangkok',
    });
    await t.database.db.insert(studioMembers).values({
      studioId,
      userId: moderator.userId,
      role: 'moderator',
      name: 'Lane Moderator',
      email: moderator.email,
    });
    ids.nok = await addClient(studioId, {
      email: 'nok@example.com',
      name: 'Nok Chaiyo',
      phone: '+66 81 234 5678',
    });
    ids.pim = await addClient(studioId, { email: 'pim@studio.example', name: 'Pim Rattana' });
    ids.old = await addClient(studioId, {
      email: 'nok@example.com',
      name: 'Nok (before)',
      retired: true,
    });
    ids.pct = await addClient(studioId, { email: 'hundred%@example.com', name: 'Percent Person' });
    otherClientId = await addClient(other.id, { email: 'nok@example.com', name: 'Nok Elsewhere' });
  });
  afterAll(async () => t.close());

  it('finds clients by part of the name, email or phone, newest first, live or retired', async () => {
    expect((await list('')).items.map((c) => c.id)).toEqual([ids.pct, ids.old, ids.pim, ids.nok]);
    expect((await list('q=chaiyo')).items.map((c) => c.id)).toEqual([ids.nok]);
    expect((await list('q=STUDIO.EXAMPLE')).items.map((c) => c.id)).toEqual([ids.pim]);
    expect((await list(`q=${encodeURIComponent('234 56')}`)).items.map((c) => c.id)).toEqual([ids.nok]);
    // A wildcard typed is a character searched for, not "anything".
    expect((await list(`q=${encodeURIComponent('%')}`)).items.map((c) => c.id)).toEqual([ids.pct]);
    expect((await list('q=nok&retired=false')).items.map((c) => c.id)).toEqual([ids.nok]);
    expect((await list('q=nok&retired=true')).items.map((c) => c.id)).toEqual([ids.old]);
    // Another studio's client with the same address never shows.
    expect((await list('q=elsewhere')).items).toEqual([]);

    const first = await list('limit=3');
    expect(first.items).toHaveLength(3);
    const rest = await list(`limit=3&cursor=${first.nextCursor}`);
    expect(rest).toEqual({ items: [expect.objectContaining({ id: ids.nok })], nextCursor: null });

    const bad = await requestAs(t, owner)('GET', `${CLIENTS}?retired=maybe`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('query.retired');
    expect((await requestAs(t, owner)('GET', `${CLIENTS}?q=${'x'.repeat(201)}`)).statusCode).toBe(400);
    expect((await requestAs(t, moderator)('GET', CLIENTS)).statusCode).toBe(403);
    expect((await requestAs(t, otherOwner)('GET', CLIENTS)).statusCode).toBe(404);
  });

  it('opens one client; another studio’s or an unknown id is 404, a malformed one 400', async () => {
    const one = await requestAs(t, owner)('GET', `${CLIENTS}/${ids.nok}`);
    expect(one.statusCode, one.body).toBe(200);
    expect(one.json()).toMatchObject({
      id: ids.nok,
      email: 'nok@example.com',
      name: 'Nok Chaiyo',
      phone: '+66 81 234 5678',
      userId: null,
      retiredAt: null,
    });
    expect((await requestAs(t, owner)('GET', `${CLIENTS}/${otherClientId}`)).statusCode).toBe(404);
    expect((await requestAs(t, owner)('GET', `${CLIENTS}/${uuidv7()}`)).statusCode).toBe(404);
    const malformed = await requestAs(t, owner)('GET', `${CLIENTS}/not-an-id`);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0].field).toBe('params.clientId');
    expect((await requestAs(t, null)('GET', `${CLIENTS}/${ids.nok}`)).statusCode).toBe(401);
  });

  it("lets staff correct a client's name and phone, naming the field when it is wrong", async () => {
    const patch = (body: Record<string, unknown>, id = ids.pim, who: Person = owner) =>
      requestAs(t, who)('PATCH', `${CLIENTS}/${id}`, body);
    const saved = await patch({ name: '  Pim R. ', phone: '02-123 4567' });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ name: 'Pim R.', phone: '02-123 4567', email: 'pim@studio.example' });
    // An empty phone clears it; the name stays as it was.
    expect((await patch({ phone: '' })).json()).toMatchObject({ name: 'Pim R.', phone: null });

    for (const [body, field] of [
      [{ name: '   ' }, 'body.name'],
      [{ phone: 'call me<script>' }, 'body.phone'],
      [{ email: 'new@example.com' }, 'body'],
    ] as const) {
      const refused = await patch(body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json().errors[0].field).toMatch(new RegExp(`^${field.replace('.', '\\.')}`));
    }
    // Nothing sent, nothing changed.
    expect((await patch({})).json()).toMatchObject({ name: 'Pim R.', phone: null });
    expect((await patch({ name: 'Theirs' }, otherClientId)).statusCode).toBe(404);
    expect((await patch({ name: 'Mod' }, ids.pim, moderator)).statusCode).toBe(403);

    // What staff wrote stands, and the change is on its way to the audit log (an outbox event).
    const [event] = await selectRows<{ payload: { clientId: string; changed: string[] } }>(
      t.database.db,
      sql`select payload from outbox_events where type = 'studios.client.updated' order by id desc limit 1`,
    );
    expect(event?.payload).toMatchObject({ clientId: ids.pim, changed: ['phone'] });
  });
});
