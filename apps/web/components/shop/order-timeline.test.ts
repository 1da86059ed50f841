import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  describeTimelineEntry,
  isKnownReason,
  TIMELINE_REASON_CODES,
  type TimelineEntry,
  type TimelineLabels,
} from './order-timeline';

const messages = (locale: string) =>
  JSON.parse(readFileSync(new URL(`../../messages/${locale}.json`, import.meta.url), 'utf8')) as {
    OrderTimeline: { reason: Record<string, string>; actor: Record<string, string> };
  };

const entry = (fields: Partial<TimelineEntry>): TimelineEntry => ({
  kind: 'status',
  from: null,
  to: null,
  note: null,
  reason: null,
  amountMinor: null,
  currency: 'THB',
  method: null,
  manualMethod: null,
  refundTo: null,
  actorKind: 'system',
  actorName: null,
  ...fields,
});

const labels = (viewer: 'staff' | 'payer'): TimelineLabels => ({
  viewer,
  money: (minor, currency) => `${currency} ${(minor / 100).toFixed(2)}`,
  status: (status) => `<${status}>`,
  paymentMethod: (method, manualMethod) => manualMethod ?? method,
});

const confirmedTransfer = entry({
  kind: 'payment',
  from: 'unpaid',
  to: 'paid',
  amountMinor: 123_000,
  method: 'manual',
  manualMethod: 'bank_transfer',
  actorKind: 'user',
  actorName: 'Jolene',
});

describe('describeTimelineEntry', () => {
  it('says an order was placed, and that it was recorded from earlier sales when it was', () => {
    const placed = entry({ to: 'pending', reason: 'placed', actorKind: 'guest' });
    expect(describeTimelineEntry(placed, labels('payer'))).toEqual({
      title: { key: 'placed' },
      details: [],
      by: null,
    });
    const imported = describeTimelineEntry({ ...placed, reason: 'imported' }, labels('staff'));
    expect(imported.title).toEqual({ key: 'placed' });
    expect(imported.details).toEqual([{ key: 'reason.imported', values: {} }]);
  });

  it('names the staff member who confirmed a transfer for the studio, and not for the payer', () => {
    expect(describeTimelineEntry(confirmedTransfer, labels('staff'))).toEqual({
      title: { key: 'paymentConfirmedBy', values: { name: 'Jolene' } },
      details: [{ key: 'amountBy', values: { amount: 'THB 1230.00', method: 'bank_transfer' } }],
      by: { text: 'Jolene' },
    });
    const payer = describeTimelineEntry({ ...confirmedTransfer, actorName: null }, labels('payer'));
    expect(payer.title).toEqual({ key: 'paymentConfirmed' });
    expect(payer.by).toBeNull();
    expect(JSON.stringify(payer)).not.toContain('Jolene');
    // A card or wallet payment the system applied is "received", for both.
    expect(
      describeTimelineEntry({ ...confirmedTransfer, actorKind: 'system', actorName: null }, labels('staff'))
        .title,
    ).toEqual({ key: 'paymentReceived' });
  });

  it('says a refund is a refund by its kind (not by guessing from the payment state), with its reason', () => {
    const refund = entry({
      kind: 'refund',
      from: 'paid',
      to: 'partially_refunded',
      amountMinor: 23_000,
      refundTo: 'wallet',
      note: 'One shirt damaged',
      actorKind: 'user',
      actorName: 'Jolene',
    });
    expect(describeTimelineEntry(refund, labels('staff'))).toEqual({
      title: { key: 'refundBy', values: { name: 'Jolene' } },
      details: [{ key: 'refundedToWallet', values: { amount: 'THB 230.00' } }, { text: 'One shirt damaged' }],
      by: { text: 'Jolene' },
    });
    // The payer sees the money back, not the studio's internal reason nor who on the team refunded.
    expect(describeTimelineEntry(refund, labels('payer'))).toEqual({
      title: { key: 'refund' },
      details: [{ key: 'refundedToWallet', values: { amount: 'THB 230.00' } }],
      by: null,
    });
    const cancelled = entry({ kind: 'refund', amountMinor: 5_000, reason: 'order_cancelled' });
    expect(describeTimelineEntry(cancelled, labels('payer')).details).toEqual([
      { text: 'THB 50.00' },
      { key: 'reason.order_cancelled', values: { amount: 'THB 50.00' } },
    ]);
  });

  it('turns status steps and the system reasons into keys; a person’s note is shown as written', () => {
    expect(describeTimelineEntry(entry({ to: 'pending', reason: 'placed' }), labels('payer'))).toEqual({
      title: { key: 'placed' },
      details: [],
      by: null,
    });
    const expired = entry({ from: 'pending', to: 'cancelled', reason: 'not_paid_in_time' });
    expect(describeTimelineEntry(expired, labels('staff'))).toEqual({
      title: { key: 'moved', values: { from: '<pending>', to: '<cancelled>' } },
      details: [{ key: 'reason.not_paid_in_time', values: {} }],
      by: { key: 'actor.system' },
    });
    expect(describeTimelineEntry(expired, labels('payer')).title).toEqual({
      key: 'statusNow',
      values: { status: '<cancelled>' },
    });
    const clientNote = entry({ from: 'paid', to: 'cancelled', note: 'Changed my mind', actorKind: 'client' });
    expect(describeTimelineEntry(clientNote, labels('staff')).details).toEqual([{ text: 'Changed my mind' }]);
    expect(describeTimelineEntry(clientNote, labels('staff')).by).toEqual({ key: 'actor.client' });
    // A staff cancel with a note: the code in the reader's words, then the note as written, for both.
    const studioNote = entry({
      from: 'paid',
      to: 'cancelled',
      reason: 'cancelled_by_studio',
      note: 'The artist is away',
      actorKind: 'user',
    });
    for (const viewer of ['staff', 'payer'] as const)
      expect(describeTimelineEntry(studioNote, labels(viewer)).details).toEqual([
        { key: 'reason.cancelled_by_studio', values: {} },
        { text: 'The artist is away' },
      ]);
    // Staff whose name the viewer may not see (no team.read, or a former member) are "staff".
    expect(describeTimelineEntry(studioNote, labels('staff')).by).toEqual({ key: 'actor.user' });
    // An unknown reason code (a newer API) is left out rather than shown as a raw key.
    expect(
      describeTimelineEntry(entry({ from: 'paid', to: 'refunded', reason: 'something_new' }), labels('payer'))
        .details,
    ).toEqual([]);
  });

  it('knows each reason code the API writes, and nothing else (not even an object’s own properties)', () => {
    for (const code of TIMELINE_REASON_CODES) expect(isKnownReason(code), code).toBe(true);
    for (const code of ['something_new', 'toString', '__proto__', ''])
      expect(isKnownReason(code)).toBe(false);
    expect(isKnownReason(null)).toBe(false);
  });

  it.each(['en', 'th'])('has %s words for every reason code and every kind of actor', (locale) => {
    const words = messages(locale).OrderTimeline;
    for (const code of TIMELINE_REASON_CODES) expect(words.reason[code], code).toBeTruthy();
    expect(Object.keys(words.reason).sort()).toEqual([...TIMELINE_REASON_CODES].sort());
    for (const actor of ['user', 'client', 'guest', 'system']) expect(words.actor[actor], actor).toBeTruthy();
  });
});
