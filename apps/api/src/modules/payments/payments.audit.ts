import type { FastifyRequest } from 'fastify';
import type { Actor } from '../../platform/context.js';
import type { Db, Tx } from '../../platform/db/index.js';
import { recordAudit } from '../audit/index.js';

/**
 * The audit log's words for the money actions people take by hand (README "Audit"). Each is written in
 * the transaction of the action it describes, so an entry exists if and only if the action committed.
 */
export const PAYMENT_AUDIT_ACTIONS = {
  refunded: 'payments.payment.refunded',
  markedPaid: 'payments.payment.marked_paid',
  slipRejected: 'payments.payment.slip_rejected',
  instalmentCharged: 'payments.plan.instalment_charged',
  planCancelled: 'payments.plan.cancelled',
  settingsUpdated: 'payments.settings.updated',
  walletAdjusted: 'payments.wallet.adjusted',
  manualPlanSet: 'payments.billing.manual_plan_set',
  invoiceRaised: 'payments.billing.invoice_raised',
  invoicePaid: 'payments.billing.invoice_marked_paid',
  invoiceVoided: 'payments.billing.invoice_voided',
} as const;

/** Where a request came from. Jobs and other modules' calls have none (null, null). */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export const NO_ORIGIN: RequestOrigin = { ip: null, userAgent: null };

export const originOf = (request: FastifyRequest): RequestOrigin => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'] ?? null,
});

/** One money action: who (actor), what (action, target, amounts in minor units), from where (origin). */
export function auditMoneyAction(
  db: Db | Tx,
  entry: {
    studioId: string;
    actor: Actor;
    action: (typeof PAYMENT_AUDIT_ACTIONS)[keyof typeof PAYMENT_AUDIT_ACTIONS];
    target: {
      type:
        | 'payment'
        | 'payment_plan'
        | 'payment_settings'
        | 'billing_subscription'
        | 'billing_invoice'
        | 'client';
      id: string;
    };
    origin?: RequestOrigin | undefined;
    data: Record<string, unknown>;
  },
): Promise<void> {
  return recordAudit(db, {
    studioId: entry.studioId,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    ...(entry.origin ?? NO_ORIGIN),
    data: entry.data,
  });
}
