/**
 * What one order timeline entry says, for the studio's page and the client's: the API keeps entries as
 * data (kind, from/to, amount, payment, reason code, who), never display text, so the words come from
 * the `OrderTimeline` messages in the reader's language. Pure: the pages pass their formatters and
 * labels, and translate the keys this returns.
 */

export interface TimelineEntry {
  kind: string;
  from: string | null;
  to: string | null;
  /** Words a person wrote (a staff note, a refund's reason); null for the system's own steps. */
  note: string | null;
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

export const TIMELINE_REASONS = new Set([
  'placed',
  'payment_failed',
  'not_paid_in_time',
  'cancelled_by_client',
  'cancelled_by_studio',
  'fully_refunded',
  'order_cancelled',
  'late_payment',
  'currency_mismatch',
]);

const byStaff = (entry: TimelineEntry) => entry.actorKind === 'user';

export function describeTimelineEntry(
  entry: TimelineEntry,
  labels: TimelineLabels,
): { title: TimelineText; details: TimelineText[] } {
  const details: TimelineText[] = [];
  const amount = entry.amountMinor === null ? null : labels.money(entry.amountMinor, entry.currency);
  const reason: TimelineText | null =
    entry.reason && TIMELINE_REASONS.has(entry.reason)
      ? { key: `reason.${entry.reason}`, values: amount ? { amount } : {} }
      : null;
  // A staff member's or client's own words (a status note, a refund reason), shown as written.
  const note: TimelineText | null = entry.note ? { text: entry.note } : null;

  switch (entry.kind) {
    case 'status': {
      if (!entry.from) return { title: { key: 'placed' }, details: [] };
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
