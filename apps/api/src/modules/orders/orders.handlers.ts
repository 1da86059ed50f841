import type { StudioContext } from '../../platform/context.js';
import type { Tx } from '../../platform/db/index.js';
import type { DomainEvent, EventHandler } from '../../platform/events/index.js';
import {
  formatMoney,
  type MailTemplate,
  queueMail,
  renderMail,
  type TemplateVars,
} from '../../platform/mailer/index.js';
import type { Queue } from '../../platform/queue/index.js';
import type { PaymentEventPayload } from '../payments/index.js';
import type { OrderLifecycle } from './orders.lifecycle.js';
import { orderCancelled, orderConfirmation, orderShipped, unpaidOrderReminder } from './orders.mail.js';
import { CANCEL_REASONS, type CancelReasonCode } from './orders.model.js';
import { loadLines, loadOrder, type OrderRow, orderAccessToken } from './orders.records.js';

const contextOf = (event: DomainEvent, tx: Tx): StudioContext => ({
  studioId: event.studioId!,
  actor: { kind: 'system', reason: event.type },
  tx,
});

const isCancelReason = (value: unknown): value is CancelReasonCode =>
  (CANCEL_REASONS as readonly unknown[]).includes(value);

const isOrderPayment = (event: DomainEvent) =>
  event.studioId !== null && (event.payload as PaymentEventPayload).payableType === 'order';

/**
 * The orders module's subscribers. Payment events move orders (each step guarded in the lifecycle, so a
 * duplicate is harmless even past the bus's receipts); orders.* events send the client's emails.
 */
export function createOrderEventHandlers(deps: {
  lifecycle: OrderLifecycle;
  getPayment: (ctx: StudioContext, paymentId: string) => Promise<import('../payments/index.js').PaymentView>;
  queue: Queue;
  publicUrl: string;
  appSecret: string;
}): EventHandler[] {
  const { lifecycle, queue } = deps;

  const orderUrl = (row: OrderRow) =>
    `${deps.publicUrl}/${row.studio.slug}/orders/${row.id}?token=${orderAccessToken(deps.appSecret, row.id)}`;

  async function mail<V extends TemplateVars>(
    tx: Tx,
    row: OrderRow,
    template: MailTemplate<V>,
    extra: (base: { locale: 'en' | 'th'; money: (m: number) => string }) => Omit<V, 'locale'>,
  ) {
    const locale = row.locale === 'th' ? 'th' : 'en';
    const money = (minor: number) => formatMoney(minor, row.currency, locale);
    const vars = { locale, ...extra({ locale, money }) } as V;
    await queueMail(queue, tx, {
      to: row.email,
      studioId: row.studioId,
      ...renderMail(template, vars, {
        brand: { studioName: row.studio.name, color: row.studio.color ?? undefined },
      }),
    });
  }

  const base = async (tx: Tx, row: OrderRow, money: (m: number) => string) => ({
    studioName: row.studio.name,
    number: row.number,
    total: money(row.totalMinor),
    lines: (await loadLines(tx, row.id)).map(
      (l) =>
        `${l.quantity} × ${l.name}${l.variantTitle ? ` (${l.variantTitle})` : ''} — ${money(l.totalMinor)}`,
    ),
    url: orderUrl(row),
  });

  const orderOf = (event: DomainEvent, tx: Tx) =>
    loadOrder(tx, event.studioId!, String((event.payload as { orderId: string }).orderId));

  const confirmation = async (event: DomainEvent, tx: Tx) => {
    const row = await orderOf(event, tx);
    const lines = await base(tx, row, (m) => formatMoney(m, row.currency, row.locale === 'th' ? 'th' : 'en'));
    await mail(tx, row, orderConfirmation, ({ money }) => ({ ...lines, paid: money(row.paidMinor) }));
  };

  return [
    {
      name: 'orders.apply-payment',
      eventType: 'payments.payment.succeeded',
      async handle(event, tx) {
        if (!isOrderPayment(event)) return;
        const payload = event.payload as PaymentEventPayload;
        await lifecycle.applyPayment(contextOf(event, tx), payload.payableId, payload);
      },
    },
    {
      name: 'orders.payment-failed',
      eventType: 'payments.payment.failed',
      async handle(event, tx) {
        if (!isOrderPayment(event)) return;
        const payload = event.payload as PaymentEventPayload;
        // A failed plan instalment is the plan's business (it retries); the order keeps its stock.
        if (payload.planInstalmentId) return;
        await lifecycle.expire(contextOf(event, tx), payload.payableId, {
          reason: 'The payment failed',
          code: 'payment_failed',
        });
      },
    },
    {
      name: 'orders.payment-refunded',
      eventType: 'payments.payment.refunded',
      async handle(event, tx) {
        if (!isOrderPayment(event)) return;
        const payload = event.payload as PaymentEventPayload;
        const ctx = contextOf(event, tx);
        await lifecycle.noteRefund(ctx, payload.payableId, await deps.getPayment(ctx, payload.paymentId));
      },
    },
    { name: 'orders.mail.confirmation', eventType: 'orders.order.paid', handle: confirmation },
    {
      name: 'orders.mail.confirmation-resent',
      eventType: 'orders.order.confirmation_requested',
      handle: confirmation,
    },
    {
      name: 'orders.mail.unpaid-reminder',
      eventType: 'orders.order.payment_reminder',
      async handle(event, tx) {
        const row = await orderOf(event, tx);
        if (row.status !== 'pending') return;
        const locale = row.locale === 'th' ? 'th' : 'en';
        const lines = await base(tx, row, (m) => formatMoney(m, row.currency, locale));
        const deadline = new Intl.DateTimeFormat(locale === 'th' ? 'th-TH' : 'en-GB', {
          dateStyle: 'medium',
          timeStyle: 'short',
          timeZone: row.studio.timezone,
        }).format(row.holdUntil ?? new Date());
        await mail(tx, row, unpaidOrderReminder, ({ money }) => ({
          ...lines,
          total: money(row.totalMinor - row.paidMinor),
          deadline,
        }));
      },
    },
    {
      name: 'orders.mail.cancelled',
      eventType: 'orders.order.cancelled',
      async handle(event, tx) {
        const row = await orderOf(event, tx);
        const lines = await base(tx, row, (m) =>
          formatMoney(m, row.currency, row.locale === 'th' ? 'th' : 'en'),
        );
        const { reason, note, refundedMinor } = event.payload as {
          reason?: unknown;
          note?: unknown;
          refundedMinor?: unknown;
        };
        // What this cancel gave back; an event from before it said so: all that was paid.
        const givenBack = typeof refundedMinor === 'number' ? refundedMinor : row.paidMinor;
        await mail(tx, row, orderCancelled, ({ money }) => ({
          ...lines,
          // A code worded by the template in the client's language; an event queued before the codes
          // carried English words, which a Thai client must not get, so those say no reason.
          reason: isCancelReason(reason) ? reason : null,
          note: typeof note === 'string' && note ? note : null,
          refund: givenBack > 0 ? money(givenBack) : null,
          nothingCharged: row.paidMinor === 0,
        }));
      },
    },
    {
      name: 'orders.mail.shipped',
      eventType: 'orders.order.shipped',
      async handle(event, tx) {
        const row = await orderOf(event, tx);
        const lines = await base(tx, row, (m) =>
          formatMoney(m, row.currency, row.locale === 'th' ? 'th' : 'en'),
        );
        const tracking = row.trackingNumbers.map(
          (t) => `${t.carrier} ${t.number}${t.url ? ` ${t.url}` : ''}`,
        );
        await mail(tx, row, orderShipped, () => ({ ...lines, tracking }));
      },
    },
  ];
}
