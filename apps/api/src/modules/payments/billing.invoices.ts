import { randomInt } from 'node:crypto';
import { and, count, desc, eq, lt } from 'drizzle-orm';
import type Stripe from 'stripe';
import { UUID } from 'uuidv7';
import type { Db, Tx } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import { type BillingInvoiceStatus, billingInvoices, type billingSubscriptions } from './billing.tables.js';

type InvoiceRow = typeof billingInvoices.$inferSelect;

export interface BillingInvoiceView {
  id: string;
  number: string | null;
  collection: 'stripe' | 'manual';
  status: BillingInvoiceStatus;
  amountMinor: number;
  currency: string;
  periodStart: string;
  periodEnd: string;
  hostedUrl: string | null;
  paidAt: string | null;
  createdAt: string;
}

export function toInvoiceView(row: InvoiceRow): BillingInvoiceView {
  return {
    id: row.id,
    number: row.number,
    collection: row.collection,
    status: row.status,
    amountMinor: row.amountMinor,
    currency: row.currency,
    periodStart: row.periodStart.toISOString(),
    periodEnd: row.periodEnd.toISOString(),
    hostedUrl: row.hostedUrl,
    paidAt: row.paidAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/** Paid and void are final; a failed invoice can still be paid; a late "finalized" changes nothing. */
const RANK: Record<BillingInvoiceStatus, number> = { open: 0, failed: 1, paid: 2, void: 2 };

/**
 * A UUID v7 stamped with the invoice's own creation time: the list is ordered by id, so invoices read
 * newest first by when Stripe issued them, whatever order their webhooks arrived in.
 */
function idIssuedAt(seconds: number): string {
  return UUID.fromFieldsV7(
    seconds * 1000,
    randomInt(0, 4096),
    randomInt(0, 2 ** 30),
    randomInt(0, 2 ** 32 - 1),
  ).toString();
}

/** The service period: the subscription line's, else the invoice's own. */
function servicePeriod(invoice: Stripe.Invoice): { start: number; end: number } {
  const line = invoice.lines?.data?.[0]?.period;
  return line ?? { start: invoice.period_start, end: invoice.period_end };
}

/** Records (or moves forward) one Stripe invoice for the studio of `subscription`; returns the row. */
export async function recordStripeInvoice(
  tx: Tx,
  subscription: typeof billingSubscriptions.$inferSelect,
  invoice: Stripe.Invoice,
  outcome: BillingInvoiceStatus,
): Promise<InvoiceRow> {
  const period = servicePeriod(invoice);
  const paidAt = invoice.status_transitions?.paid_at;
  const values = {
    number: invoice.number ?? null,
    amountMinor: outcome === 'paid' ? invoice.amount_paid : invoice.amount_due,
    currency: invoice.currency.toUpperCase(),
    status: outcome,
    hostedUrl: invoice.hosted_invoice_url ?? null,
    paidAt: outcome === 'paid' ? new Date((paidAt ?? invoice.created) * 1000) : null,
  };
  await tx
    .insert(billingInvoices)
    .values({
      id: idIssuedAt(invoice.created),
      studioId: subscription.studioId,
      subscriptionId: subscription.id,
      collection: 'stripe',
      stripeInvoiceId: invoice.id,
      periodStart: new Date(period.start * 1000),
      periodEnd: new Date(period.end * 1000),
      ...values,
    })
    .onConflictDoNothing({ target: billingInvoices.stripeInvoiceId });
  const [existing] = await tx
    .select()
    .from(billingInvoices)
    .where(eq(billingInvoices.stripeInvoiceId, invoice.id!))
    .for('update');
  if (!existing) throw new Error(`billing invoice ${invoice.id} vanished`);
  // Only forward: a late "finalized" or "payment_failed" after "paid" leaves the invoice paid.
  if (outcome !== existing.status && RANK[outcome] <= RANK[existing.status]) return existing;
  const [updated] = await tx
    .update(billingInvoices)
    .set({
      ...values,
      number: values.number ?? existing.number,
      hostedUrl: values.hostedUrl ?? existing.hostedUrl,
    })
    .where(eq(billingInvoices.id, existing.id))
    .returning();
  return updated!;
}

export interface ManualInvoiceInput {
  number?: string | undefined;
  amountMinor: number;
  currency: string;
  periodStart: Date;
  periodEnd: Date;
  status: 'open' | 'paid';
  /** When it was raised, for history recorded after the fact (the demo); default now. */
  issuedAt?: Date | undefined;
  /** When a paid one was paid; default now. */
  paidAt?: Date | undefined;
}

/** A manual invoice (enterprise): numbered ATL-0001, ATL-0002... per studio unless a number is given. */
export async function insertManualInvoice(
  tx: Tx,
  subscription: typeof billingSubscriptions.$inferSelect,
  input: ManualInvoiceInput,
  createdBy: string | null,
): Promise<InvoiceRow> {
  if (input.periodEnd <= input.periodStart)
    throw AppError.invalid('body.periodEnd', 'must be after periodStart');
  const [issued] = await tx
    .select({ n: count() })
    .from(billingInvoices)
    .where(
      and(eq(billingInvoices.studioId, subscription.studioId), eq(billingInvoices.collection, 'manual')),
    );
  const number = input.number ?? `ATL-${String((issued?.n ?? 0) + 1).padStart(4, '0')}`;
  const [row] = await tx
    .insert(billingInvoices)
    .values({
      // Stamped with its issue date like Stripe's, so the list stays in issue order.
      ...(input.issuedAt
        ? { id: idIssuedAt(Math.floor(input.issuedAt.getTime() / 1000)), createdAt: input.issuedAt }
        : {}),
      studioId: subscription.studioId,
      subscriptionId: subscription.id,
      collection: 'manual',
      number,
      amountMinor: input.amountMinor,
      currency: input.currency,
      periodStart: input.periodStart,
      periodEnd: input.periodEnd,
      status: input.status,
      paidAt: input.status === 'paid' ? (input.paidAt ?? new Date()) : null,
      createdBy,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw AppError.conflictOn('number', `Invoice ${number} already exists for this studio`);
  return row;
}

/**
 * Marks a manual invoice paid or void (a platform admin, when the money arrived or the deal changed).
 * `changed` is false when it already was (asking again is a no-op, and is not audited twice).
 */
export async function settleManualInvoice(
  tx: Tx,
  studioId: string,
  invoiceId: string,
  status: 'paid' | 'void',
): Promise<{ row: InvoiceRow; changed: boolean }> {
  const [row] = await tx
    .select()
    .from(billingInvoices)
    .where(and(eq(billingInvoices.id, invoiceId), eq(billingInvoices.studioId, studioId)))
    .for('update');
  if (row?.collection !== 'manual') throw new AppError('not_found', 'No such manual invoice');
  if (row.status === status) return { row, changed: false };
  if (RANK[row.status] === 2)
    throw new AppError('rule_broken', `The invoice is already ${row.status}`, {
      fields: [{ field: 'status', message: `the invoice is ${row.status}` }],
    });
  const [updated] = await tx
    .update(billingInvoices)
    .set({ status, paidAt: status === 'paid' ? new Date() : null })
    .where(eq(billingInvoices.id, row.id))
    .returning();
  return { row: updated!, changed: true };
}

/** A studio's invoices, newest first, cursor-paginated. */
export async function listInvoices(
  db: Db | Tx,
  studioId: string,
  query: { limit?: number | undefined; cursor?: string | undefined },
): Promise<PageResult<BillingInvoiceView>> {
  const limit = query.limit ?? 20;
  const before = decodeCursor(query.cursor);
  const rows = await db
    .select()
    .from(billingInvoices)
    .where(and(eq(billingInvoices.studioId, studioId), before ? lt(billingInvoices.id, before) : undefined))
    .orderBy(desc(billingInvoices.id))
    .limit(limit + 1);
  const page = toPage(rows, limit);
  return { items: page.items.map(toInvoiceView), nextCursor: page.nextCursor };
}
