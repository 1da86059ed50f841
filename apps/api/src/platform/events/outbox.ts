import { uuidv7 } from 'uuidv7';
import type { Tx } from '../db/index.js';
import { outboxEvents } from './events.tables.js';

/** A domain event as stored and delivered. `type` is `<module>.<thing>.<past-tense verb>`. */
export interface DomainEvent<P extends Record<string, unknown> = Record<string, unknown>> {
  id: string;
  type: string;
  studioId: string | null;
  payload: P;
  occurredAt: string;
}

/**
 * Records an event in the caller's transaction: it is delivered if and only if the change commits.
 * Never publish to the queue directly from a service; a crash between commit and publish would lose it.
 */
export async function emit(
  tx: Tx,
  event: { type: string; studioId: string | null; payload: Record<string, unknown> },
): Promise<string> {
  const id = uuidv7();
  await tx
    .insert(outboxEvents)
    .values({ id, type: event.type, studioId: event.studioId, payload: event.payload });
  return id;
}

/** An outbox row as the event its handlers receive. */
export function toDomainEvent(row: typeof outboxEvents.$inferSelect): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    studioId: row.studioId,
    payload: row.payload,
    occurredAt: row.occurredAt.toISOString(),
  };
}
