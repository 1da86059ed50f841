-- Timeline entries keep what they are about as data (details: paymentId, reason code, refundTo) and the
-- pages write the words in the reader's language. Rows written before carried English sentences with
-- the payment id baked in; they are rewritten here into the same shape, so old and new read alike.
ALTER TABLE "order_events" ADD COLUMN "details" jsonb;--> statement-breakpoint
-- "Refunded ฿230.00 (<payment id>)" was a 'payment' entry: refunds get their own kind.
UPDATE "order_events"
SET "kind" = 'refund',
    "details" = jsonb_strip_nulls(jsonb_build_object('paymentId', substring("note" from '\(([0-9a-f-]{36})\)\s*$'))),
    "note" = NULL
WHERE "kind" = 'payment' AND "note" LIKE 'Refunded %';--> statement-breakpoint
-- "Received ฿1,230.00 (<payment id>)".
UPDATE "order_events"
SET "details" = jsonb_strip_nulls(jsonb_build_object('paymentId', substring("note" from '\(([0-9a-f-]{36})\)\s*$'))),
    "note" = NULL
WHERE "kind" = 'payment' AND "note" LIKE 'Received %';--> statement-breakpoint
-- "Payment <id> of ¥1,000 is in JPY, the order in THB".
UPDATE "order_events"
SET "details" = jsonb_strip_nulls(jsonb_build_object(
      'paymentId', substring("note" from '^Payment ([0-9a-f-]{36}) '),
      'reason', 'currency_mismatch')),
    "note" = NULL
WHERE "kind" = 'payment_refused' AND "note" LIKE 'Payment %';--> statement-breakpoint
-- The system's fixed reasons on status entries become codes; a staff member's own note stays as written.
UPDATE "order_events"
SET "details" = jsonb_build_object('reason', CASE "note"
      WHEN 'Order placed' THEN 'placed'
      WHEN 'The payment failed' THEN 'payment_failed'
      WHEN 'Not paid in time' THEN 'not_paid_in_time'
      WHEN 'Cancelled by the client' THEN 'cancelled_by_client'
      WHEN 'Cancelled by the studio' THEN 'cancelled_by_studio'
      WHEN 'Fully refunded' THEN 'fully_refunded'
    END),
    "note" = NULL
WHERE "kind" = 'status'
  AND "note" IN ('Order placed', 'The payment failed', 'Not paid in time', 'Cancelled by the client',
                 'Cancelled by the studio', 'Fully refunded');
