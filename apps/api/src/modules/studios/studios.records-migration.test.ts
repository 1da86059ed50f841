import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, selectRows } from '../../platform/db/index.js';
import { createTestDatabase, migrationsUpTo, type TestDatabase } from '../../platform/db/testing.js';

/**
 * Migration 0028 over rows written before it: records attached to someone whose address has changed
 * since move to their current address (their history and wallet carry on) or retire, so the old address
 * is free; a deleted account's records retire; everything else is untouched.
 */
describe('studios: migration 0028 brings existing client records in line with their people', () => {
  let database: TestDatabase;
  const studio = uuidv7();
  const other = uuidv7();
  const ids = {
    moved: uuidv7(),
    guestAtNew: uuidv7(),
    ownAtOld: uuidv7(),
    extraOld: uuidv7(),
    deleted: uuidv7(),
    current: uuidv7(),
    guest: uuidv7(),
  };
  const person = (id: string, email: string, deleted = false) =>
    database.db.execute(
      sql`insert into users (id, name, email, email_verified, deleted_at)
          values (${id}, 'Person', ${email}, true, ${deleted ? sql`now()` : null})`,
    );
  const record = (id: string, studioId: string, email: string, userId: string | null) =>
    database.db.execute(
      sql`insert into studio_clients (id, studio_id, user_id, email, name)
          values (${id}, ${studioId}, ${userId}, ${email}, 'Client')`,
    );

  beforeAll(async () => {
    database = await createTestDatabase(await migrationsUpTo('0027_payments_bigint_amounts'));
    const [ann, bo, cy, dee] = [uuidv7(), uuidv7(), uuidv7(), uuidv7()];
    // Ann changed ann-old -> ann-new: the studio has only her old record.
    await person(ann, 'ann-new@example.com');
    await record(ids.moved, studio, 'ann-old@example.com', ann);
    // Bo changed bo-old -> bo-new, and the other studio had a guest record for bo-new too; he also has
    // a second old record there (from an earlier change).
    await person(bo, 'bo-new@example.com');
    await record(ids.ownAtOld, other, 'bo-old@example.com', bo);
    await record(ids.extraOld, other, 'bo-older@example.com', bo);
    await record(ids.guestAtNew, other, 'bo-new@example.com', null);
    // Cy deleted his account.
    await person(cy, `deleted+${cy}@invalid`, true);
    await record(ids.deleted, studio, 'cy@example.com', cy);
    // Dee's record is her current address; the guest's has nobody.
    await person(dee, 'dee@example.com');
    await record(ids.current, studio, 'DEE@example.com', dee);
    await record(ids.guest, studio, 'guest@example.com', null);
    await migrate(database);
  });
  afterAll(async () => database.destroy());

  it('moves, retires and leaves alone as linkClientAccounts would at each person’s sign-in', async () => {
    const rows = await selectRows<{ id: string; email: string; user_id: string | null; retired: boolean }>(
      database.db,
      sql`select id, email, user_id, retired_at is not null as retired from studio_clients`,
    );
    const row = (id: string) => rows.find((r) => r.id === id);
    expect(row(ids.moved)).toMatchObject({ email: 'ann-new@example.com', retired: false });
    // Bo's oldest own record takes his address in the other studio; the guest one joins him retired.
    expect(row(ids.ownAtOld)).toMatchObject({ email: 'bo-new@example.com', retired: false });
    expect(row(ids.guestAtNew)).toMatchObject({ email: 'bo-new@example.com', retired: true });
    expect(row(ids.guestAtNew)?.user_id).toBe(row(ids.ownAtOld)?.user_id);
    expect(row(ids.extraOld)).toMatchObject({ email: 'bo-older@example.com', retired: true });
    expect(row(ids.deleted)).toMatchObject({ email: 'cy@example.com', retired: true });
    expect(row(ids.current)).toMatchObject({ email: 'DEE@example.com', retired: false });
    expect(row(ids.guest)).toMatchObject({ user_id: null, retired: false });
  });
});
