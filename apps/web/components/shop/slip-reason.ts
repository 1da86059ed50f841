/**
 * The studio's own words when it turned a transfer slip down. The API keeps them as the open payment's
 * failureReason behind a fixed English lead ("Slip not accepted: "); the pages say that part in the
 * reader's language, so it is taken off here. `null` when there is no turn-down to tell.
 */
export function slipTurnDownReason(failureReason: string | null | undefined): string | null {
  if (!failureReason) return null;
  return failureReason.replace(/^Slip not accepted:\s*/, '');
}
