import type { JsonBody } from '@atelier/sdk';

/**
 * What one order timeline entry says, for the studio's page and the client's: the API keeps entries as
 * data (kind, from/to, amount, payment, reason code, who), never display text, so the words come from
 * the `OrderTimeline` messages in the reader's language. Pure: the pages pass their formatters and
 * labels, and translate the keys this returns.
 */

/**
 * The reason codes the API writes, from its OpenAPI document (both order views). A code added there
 * without words below fails `tsc` in this app: the `KNOWN_REASONS` record must list every one.
 */
export type TimelineReason = NonNullable<
  | JsonBody<'getOrder', 200>['timeline'][number]['reason']
  | JsonBody<'getMyOrder', 200>['timeline'][number]['reason']
>;

const KNOWN_REASONS = {
  placed: true,
  imported: true,
  payment_failed: true,
  not_paid_in_time: true,
  cancelled_by_client: true,
  cancelled_by_studio: true,
  fully_refunded: true,
  order_cancelled: true,
  late_payment: true,
  currency_mismatch: true,
} as const satisfies Record<TimelineReason, true>;

/** Every code with words, for the test that each has them in every language. */
export const TIMELINE_REASON_CODES = Object.keys(KNOWN_REASONS) as TimelineReason[];

/**
 * A code this web has words for (`OrderTimeline.reason.*`). Checked at run time too: a newer API may send
 * a code this build has never heard of, which is then left out rather than shown as a raw key.
 */
export function isKnownReason(code: string | null): code is TimelineReason {
  return code !== null && Object.hasOwn(KNOWN_REASONS, code);
}

export interface TimelineEntry {
  kind: string;
  from: string | null;
  to: string | null;
  /** Words a person wrote (a staff note, a refund's reason); null for the system's own steps. */
  note: string | null;
  /** A code of `TimelineReason`, or one from a newer API (kept a string on purpose: see isKnownReason). */
  reason: string | null;
  amountMinor: number | null;
  currency: string | null;
  method: string | null;
  manualMethod: string | null;
  refundTo: string | null;
  actorKind: string;
  /** Staff view only: who on the team did it. */
  actorName: string | null;
}

/** A message key of the `OrderTimeline` namespace with its values, or text shown as it is. */
export type TimelineText = { key: string; values?: Record<string, string> } | { text: string };

export interface TimelineLabels {
  /** Who reads: the studio's staff see who on the team acted; the payer sees "the studio". */
  viewer: 'staff' | 'payer';
  money: (amountMinor: number, currency: string | null) => string;
  status: (status: string) => string;
  paymentMethod: (method: string, manualMethod: string | null) => string;
}

const byStaff = (entry: TimelineEntry) => entry.actorKind === 'user';

const ACTORS = new Set(['user', 'client', 'guest', 'system']);

/**
 * Who took the step, for the studio's staff only: the team member by name (when the API names them),
 * else who in general ("by staff", "by the customer", "automatically"). The payer is told no one.
 */
function actorOf(entry: TimelineEntry, labels: TimelineLabels): TimelineText | null {
  if (labels.viewer !== 'staff') return null;
  if (entry.actorKind === 'user' && entry.actorName) return { text: entry.actorName };
  return { key: `actor.${ACTORS.has(entry.actorKind) ? entry.actorKind : 'system'}` };
}

export interface TimelineWords {
  title: TimelineText;
  details: TimelineText[];
  /** Who did it, shown beside the time: staff pages only (null for the payer). */
  by: TimelineText | null;
}

export function describeTimelineEntry(entry: TimelineEntry, labels: TimelineLabels): TimelineWords {
  return { ...whatHappened(entry, labels), by: actorOf(entry, labels) };
}

function whatHappened(
  entry: TimelineEntry,
  labels: TimelineLabels,
): { title: TimelineText; details: TimelineText[] } {
  const details: TimelineText[] = [];
  const amount = entry.amountMinor === null ? null : labels.money(entry.amountMinor, entry.currency);
  const reason: TimelineText | null = isKnownReason(entry.reason)
    ? { key: `reason.${entry.reason}`, values: amount ? { amount } : {} }
    : null;
  // A staff member's or client's own words (a status note, a refund reason), shown as written.
  const note: TimelineText | null = entry.note ? { text: entry.note } : null;

  switch (entry.kind) {
    case 'status': {
      // The first entry: placed at checkout, or recorded later from the studio's earlier sales.
      if (!entry.from)
        return { title: { key: 'placed' }, details: reason && entry.reason !== 'placed' ? [reason] : [] };
      const to = entry.to ? labels.status(entry.to) : '';
      const title: TimelineText =
        labels.viewer === 'staff'
          ? { key: 'moved', values: { from: labels.status(entry.from), to } }
          : { key: 'statusNow', values: { status: to } };
      if (reason) details.push(reason);
      // The payer reads the studio's note on a step; the staff page shows every note.
      if (note && (labels.viewer === 'staff' || byStaff(entry))) details.push(note);
      return { title, details };
    }
    case 'payment': {
      const title: TimelineText =
        labels.viewer === 'staff' && byStaff(entry)
          ? entry.actorName
            ? { key: 'paymentConfirmedBy', values: { name: entry.actorName } }
            : { key: 'paymentConfirmedByStaff' }
          : byStaff(entry)
            ? { key: 'paymentConfirmed' }
            : { key: 'paymentReceived' };
      if (amount)
        details.push(
          entry.method
            ? {
                key: 'amountBy',
                values: { amount, method: labels.paymentMethod(entry.method, entry.manualMethod) },
              }
            : { text: amount },
        );
      return { title, details };
    }
    case 'refund': {
      if (amount)
        details.push(
          entry.refundTo === 'wallet' ? { key: 'refundedToWallet', values: { amount } } : { text: amount },
        );
      if (reason) details.push(reason);
      if (note && labels.viewer === 'staff') details.push(note);
      const title: TimelineText =
        labels.viewer === 'staff' && byStaff(entry) && entry.actorName
          ? { key: 'refundBy', values: { name: entry.actorName } }
          : { key: 'refund' };
      return { title, details };
    }
    case 'payment_refused':
      return {
        title: { key: 'paymentRefused' },
        details: reason ? [reason] : amount ? [{ text: amount }] : [],
      };
    case 'tracking':
      return { title: { key: 'tracking' }, details: entry.to ? [{ text: entry.to }] : [] };
    case 'email':
      return { title: { key: 'confirmationSent' }, details: [] };
    default:
      return { title: { text: entry.kind }, details: note && labels.viewer === 'staff' ? [note] : [] };
  }
}
