import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectRows } from '../../platform/db/index.js';
import { createTestDatabase, type TestDatabase } from '../../platform/db/testing.js';
import { AppError } from '../../platform/http/errors.js';
import { adjustWallet, creditWallet, debitWallet, walletBalance } from './wallet.ledger.js';
import { walletAccounts } from './wallet.tables.js';

describe('wallet ledger', () => {
  let database: TestDatabase;
  const studioId = uuidv7();

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.destroy();
  });

  /** The ledger's truth (sum of entries) next to the cached balance on the account. */
  async function sums(clientId: string) {
    return database.withStudio(studioId, async (tx) => {
      const [row] = await selectRows<{ total: string | null }>(
        tx,
        sql`select sum(amount_minor)::text as total from wallet_entries where client_id = ${clientId}`,
      );
      return {
        entries: Number(row?.total ?? 0),
        balance: await walletBalance(tx, studioId, clientId, 'THB'),
      };
    });
  }

  it('races 20 debits of 100 against 1,000: exactly 10 succeed and the balance never goes negative', async () => {
    const clientId = uuidv7();
    await database.withStudio(studioId, (tx) =>
      creditWallet(tx, {
        studioId,
        clientId,
        amountMinor: 1_000,
        currency: 'THB',
        kind: 'topup',
        reason: 'top-up',
        reference: 'pay_1',
      }),
    );
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        database.withStudio(studioId, (tx) =>
          debitWallet(tx, {
            studioId,
            clientId,
            amountMinor: 100,
            currency: 'THB',
            reason: 'order',
            reference: `order-${i}`,
          }),
        ),
      ),
    );
    const succeeded = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r) => r.status === 'rejected');
    expect(succeeded).toHaveLength(10);
    expect(refused).toHaveLength(10);
    for (const r of refused) {
      const error = (r as PromiseRejectedResult).reason as AppError;
      expect(error).toBeInstanceOf(AppError);
      expect(error.status).toBe(409);
      expect(error.fields?.[0]?.field).toBe('amountMinor');
    }
    expect(await sums(clientId)).toEqual({ entries: 0, balance: 0 });
  });

  it('credits a reference once, however often it is repeated, and keeps sum(entries) == balance', async () => {
    const clientId = uuidv7();
    const credit = () =>
      database.withStudio(studioId, (tx) =>
        creditWallet(tx, {
          studioId,
          clientId,
          amountMinor: 50_000,
          currency: 'thb',
          kind: 'topup',
          reason: 'top-up',
          reference: 'pay_2',
        }),
      );
    const first = await credit();
    const again = await credit();
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ entryId: first.entryId, balanceMinor: 50_000, duplicate: true });
    await database.withStudio(studioId, async (tx) => {
      await creditWallet(tx, {
        studioId,
        clientId,
        amountMinor: 5_000,
        currency: 'THB',
        kind: 'bonus',
        reason: 'bonus',
        reference: 'pay_2',
      });
      await debitWallet(tx, {
        studioId,
        clientId,
        amountMinor: 12_345,
        currency: 'THB',
        reason: 'order',
        reference: 'pay_3',
      });
      await adjustWallet(tx, {
        studioId,
        clientId,
        amountMinor: -655,
        currency: 'THB',
        reason: 'correction',
      });
    });
    expect(await sums(clientId)).toEqual({ entries: 42_000, balance: 42_000 });
  });

  it('refuses a debit that would overdraw, writes nothing, and refuses odd amounts', async () => {
    const clientId = uuidv7();
    await database.withStudio(studioId, (tx) =>
      creditWallet(tx, {
        studioId,
        clientId,
        amountMinor: 99,
        currency: 'THB',
        kind: 'refund',
        reason: 'refund',
        reference: 'refund_1',
      }),
    );
    await expect(
      database.withStudio(studioId, (tx) =>
        debitWallet(tx, { studioId, clientId, amountMinor: 100, currency: 'THB', reason: 'order' }),
      ),
    ).rejects.toMatchObject({ status: 409, fields: [{ field: 'amountMinor' }] });
    await expect(
      database.withStudio(studioId, (tx) =>
        debitWallet(tx, { studioId, clientId, amountMinor: 1.5, currency: 'THB', reason: 'order' }),
      ),
    ).rejects.toMatchObject({ status: 400 });
    expect(await sums(clientId)).toEqual({ entries: 99, balance: 99 });
    // The database itself refuses a negative cached balance, should any code path skip the ledger.
    await expect(
      database.withStudio(studioId, (tx) =>
        tx.update(walletAccounts).set({ balanceMinor: -1 }).where(eq(walletAccounts.clientId, clientId)),
      ),
    ).rejects.toThrow();
  });

  it('keeps wallets of another studio out of sight', async () => {
    const clientId = uuidv7();
    await database.withStudio(studioId, (tx) =>
      creditWallet(tx, {
        studioId,
        clientId,
        amountMinor: 700,
        currency: 'THB',
        kind: 'adjustment',
        reason: 'gift',
      }),
    );
    const other = uuidv7();
    const seen = await database.withStudio(other, (tx) => walletBalance(tx, studioId, clientId));
    expect(seen).toBe(0);
  });
});
