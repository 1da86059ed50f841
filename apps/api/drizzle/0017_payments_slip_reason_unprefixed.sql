-- A turned-down transfer slip's reason is now stored as the staff wrote it (payments.service rejectSlip);
-- the pages say "Slip not accepted" in the reader's language. Reasons stored before carried a fixed
-- English lead, which goes here. Only manual and PromptPay payments have slips, and for them
-- failure_reason holds nothing but a turn-down.
UPDATE payments SET failure_reason = substr(failure_reason, length('Slip not accepted: ') + 1)
WHERE provider IN ('manual', 'promptpay') AND failure_reason LIKE 'Slip not accepted: %';
