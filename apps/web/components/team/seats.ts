/** How many of the plan's team seats are taken, and how many the plan has. */
export interface SeatUse {
  taken: number;
  allowed: number;
}

/**
 * Seats as the API counts them when it refuses an invitation (`teamSeats`): members plus invitations
 * still pending. An expired invitation no longer holds a seat. Null when the plan's seats are unknown
 * (the plans could not be read): the page then offers the form and lets the API decide.
 */
export function seatUse(
  allowed: number | undefined,
  memberCount: number,
  invitations: readonly { expired: boolean }[],
): SeatUse | null {
  if (allowed === undefined) return null;
  return { taken: memberCount + invitations.filter((invitation) => !invitation.expired).length, allowed };
}

/** Every seat is taken: an invitation would be refused. */
export const seatsFull = (seats: SeatUse | null): boolean => seats !== null && seats.taken >= seats.allowed;
