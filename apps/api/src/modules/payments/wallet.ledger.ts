import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import type { ClientRecordJoin } from '../studios/index.js';
import { walletTooLow } from './payments.reasons.js';
import { type WalletEntryKind, walletAccounts, walletEntries } from './wallet.tables.js';

/**
 * The wallet ledger: the only code that writes wallet rows. Every function takes the caller's
 * transaction (inside the studio's `withStudio`), so a debit commits with the payment it pays for and
 * a credit with the event that caused it.
 *
 * Concurrency: each write first locks the wallet's account row (`for update`), so two debits of one
 * wallet serialise and the second sees the first's balance. Idempotency: an entry with a `reference`
 * is unique per (kind, reference); writing it again returns the first entry and moves no money.
 */

export interface WalletEntryWritten {
  entryId: string;
  /** The wallet's balance after this call (unchanged when the entry already existed). */
  balanceMinor: number;
  /** True when an entry with this kind and reference already existed, so nothing was written. */
  duplicate: boolean;
}

interface Movement {
  studioId: string;
  clientId: string;
  /** Positive, in the currency's minor unit. */
  amountMinor: number;
  currency: string;
  /** The ledger's own description, for people reading the database; statements never show it. */
  reason: string;
  /** A payment id, refund id or idempotency key; makes the movement happen at most once. */
  reference?: string | null;
  /** The payment paid, credited for or refunded: statements name its order from it. */
  paymentId?: string | null;
  /** Words a person wrote for this entry (an adjustment's reason), shown on statements as written. */
  note?: string | null;
  /** The person responsible (staff member, client); omit for the system. */
  createdBy?: string | null;
}

export interface DebitInput extends Movement {}

export interface CreditInput extends Movement {
  kind: Extract<WalletEntryKind, 'topup' | 'bonus' | 'refund' | 'adjustment'>;
}

function assertAmount(amountMinor: number): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw AppError.invalid('amountMinor', 'must be a positive whole number of minor units');
  }
}

/** The studio client's balance in a currency (0 when they have no wallet yet). */
export async function walletBalance(
  tx: Tx,
  studioId: string,
  clientId: string,
  currency?: string,
): Promise<number> {
  const rows = await tx
    .select({ balanceMinor: walletAccounts.balanceMinor })
    .from(walletAccounts)
    .where(
      and(
        eq(walletAccounts.studioId, studioId),
        eq(walletAccounts.clientId, clientId),
        currency ? eq(walletAccounts.currency, currency.toUpperCase()) : undefined,
      ),
    );
  return rows.reduce((sum, row) => sum + row.balanceMinor, 0);
}

/** The wallet's account row, made on first use and locked until the transaction ends. */
async function lockAccount(tx: Tx, studioId: string, clientId: string, currency: string) {
  await tx
    .insert(walletAccounts)
    .values({ studioId, clientId, currency })
    .onConflictDoNothing({
      target: [walletAccounts.studioId, walletAccounts.clientId, walletAccounts.currency],
    });
  const [account] = await tx
    .select()
    .from(walletAccounts)
    .where(
      and(
        eq(walletAccounts.studioId, studioId),
        eq(walletAccounts.clientId, clientId),
        eq(walletAccounts.currency, currency),
      ),
    )
    .for('update');
  return account!;
}

async function existingEntry(tx: Tx, studioId: string, kind: WalletEntryKind, reference: string) {
  const [entry] = await tx
    .select({ id: walletEntries.id })
    .from(walletEntries)
    .where(
      and(
        eq(walletEntries.studioId, studioId),
        eq(walletEntries.kind, kind),
        eq(walletEntries.reference, reference),
      ),
    );
  return entry;
}

async function move(
  tx: Tx,
  kind: WalletEntryKind,
  input: Movement,
  signed: number,
): Promise<WalletEntryWritten> {
  const currency = input.currency.toUpperCase();
  const account = await lockAccount(tx, input.studioId, input.clientId, currency);
  // Checked under the lock: a second delivery of the same event waits here and then finds the entry.
  if (input.reference) {
    const existing = await existingEntry(tx, input.studioId, kind, input.reference);
    if (existing) return { entryId: existing.id, balanceMinor: account.balanceMinor, duplicate: true };
  }
  const balanceMinor = account.balanceMinor + signed;
  if (balanceMinor < 0) {
    throw AppError.conflictOn(
      'amountMinor',
      `The wallet holds ${account.balanceMinor} ${currency} minor units; ${-signed} cannot be taken from it`,
      walletTooLow(account.balanceMinor, -signed, currency),
    );
  }
  const [entry] = await tx
    .insert(walletEntries)
    .values({
      studioId: input.studioId,
      accountId: account.id,
      clientId: input.clientId,
      currency,
      amountMinor: signed,
      balanceAfterMinor: balanceMinor,
      kind,
      reason: input.reason,
      reference: input.reference ?? null,
      paymentId: input.paymentId ?? null,
      note: input.note?.trim() ? input.note : null,
      createdBy: input.createdBy ?? null,
    })
    .returning({ id: walletEntries.id });
  await tx
    .update(walletAccounts)
    .set({ balanceMinor: sql`${walletAccounts.balanceMinor} + ${signed}` })
    .where(eq(walletAccounts.id, account.id));
  return { entryId: entry!.id, balanceMinor, duplicate: false };
}

/**
 * Takes money from the wallet (a payment). Throws 409 naming `amountMinor` when the balance would go
 * below zero; nothing is written then.
 */
export async function debitWallet(tx: Tx, input: DebitInput): Promise<WalletEntryWritten> {
  assertAmount(input.amountMinor);
  return move(tx, 'payment', input, -input.amountMinor);
}

/** Puts money into the wallet: a top-up, its bonus, a refund to balance or a staff adjustment. */
export async function creditWallet(tx: Tx, input: CreditInput): Promise<WalletEntryWritten> {
  assertAmount(input.amountMinor);
  return move(tx, input.kind, input, input.amountMinor);
}

/**
 * A staff correction in either direction (a negative amount takes money back, never below zero).
 * Recorded as kind 'adjustment' so statements show it for what it is, with the staff's reason as its
 * note: the one entry whose words a person wrote.
 */
export async function adjustWallet(
  tx: Tx,
  input: Omit<Movement, 'amountMinor' | 'note' | 'paymentId'> & { amountMinor: number },
): Promise<WalletEntryWritten> {
  if (!Number.isSafeInteger(input.amountMinor) || input.amountMinor === 0) {
    throw AppError.invalid('amountMinor', 'must be a non-zero whole number of minor units');
  }
  return move(tx, 'adjustment', { ...input, note: input.reason }, input.amountMinor);
}

/**
 * Carries every balance of a person's retired client record over to their live record in the same
 * studio (studios' `onClientRecordsJoined`, in the transaction that retired it): an entry of kind
 * 'transfer' takes the balance out of the one wallet, and another puts it into the other, referenced by
 * the first so the pair is read together. A retired record's wallet cannot be spent, topped up or
 * refunded into, so money left there would be nobody's.
 */
export async function carryOverBalances(tx: Tx, joins: ClientRecordJoin[]): Promise<number> {
  let carried = 0;
  for (const join of joins) {
    if (join.fromClientId === join.toClientId) continue;
    const accounts = await tx
      .select({ currency: walletAccounts.currency })
      .from(walletAccounts)
      .where(
        and(
          eq(walletAccounts.studioId, join.studioId),
          eq(walletAccounts.clientId, join.fromClientId),
          sql`${walletAccounts.balanceMinor} > 0`,
        ),
      )
      .orderBy(walletAccounts.currency);
    for (const { currency } of accounts) {
      // Both wallets locked in one order (by client id) whichever way the money goes, so two
      // retirements moving money between the same two records in opposite directions (two people
      // proving two addresses of a third at once) wait for each other instead of deadlocking.
      const [first, second] = [join.fromClientId, join.toClientId].sort();
      await lockAccount(tx, join.studioId, first!, currency);
      await lockAccount(tx, join.studioId, second!, currency);
      // Read again under the lock: a payment committing meanwhile may have spent part of it.
      const { balanceMinor } = await lockAccount(tx, join.studioId, join.fromClientId, currency);
      if (balanceMinor <= 0) continue;
      const base = { studioId: join.studioId, amountMinor: balanceMinor, currency };
      const out = await move(
        tx,
        'transfer',
        { ...base, clientId: join.fromClientId, reason: 'Carried over to the client’s current record' },
        -balanceMinor,
      );
      await move(
        tx,
        'transfer',
        {
          ...base,
          clientId: join.toClientId,
          reason: 'Carried over from an earlier record of the client’s',
          reference: out.entryId,
        },
        balanceMinor,
      );
      carried++;
    }
  }
  return carried;
}
