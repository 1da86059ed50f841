-- A studio that wrote no bank-transfer or pay-at-studio instructions used to get an English sentence
-- written into the payment's next step, which then read out in English on Thai pages. The step now
-- carries only the studio's own words (empty when none) and the page says the general thing in the
-- payer's language; payments still waiting are brought in line.
UPDATE "payments" SET "next_action" = jsonb_set("next_action", '{instructions}', '""'::jsonb)
WHERE "next_action"->>'type' = 'bank_transfer'
  AND "next_action"->>'instructions' = 'The studio will send its bank details. Quote the reference below.';--> statement-breakpoint
UPDATE "payments" SET "next_action" = jsonb_set("next_action", '{instructions}', '""'::jsonb)
WHERE "next_action"->>'type' = 'pay_at_studio'
  AND "next_action"->>'instructions' = 'Pay at the studio when you visit.';
