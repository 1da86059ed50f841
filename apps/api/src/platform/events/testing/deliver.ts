// For tests whose app does not run event handlers (buildTestApp starts no workers): hands outbox events
// to the handlers a test chose, as a worker's bus would, without pg-boss, receipts or retries.
import { asc, desc, gt } from 'drizzle-orm';
import type { Database } from '../../db/index.js';
import type { EventHandler } from '../bus.js';
import { outboxEvents } from '../events.tables.js';
import { toDomainEvent } from '../outbox.js';

export interface OutboxDelivery {
  /** Leaves every event written so far undelivered for good (the setup's own). */
  skipWritten(): Promise<void>;
  /**
   * Delivers the studio events written since the last call, in order, each to the handlers of its type
   * in the event's studio scope; then what those handlers emitted, until nothing new is left.
   */
  deliver(): Promise<void>;
}

const BEFORE_ALL = '00000000-0000-0000-0000-000000000000';

/** `only` narrows which event types are delivered (by default every type one of `handlers` takes). */
export function outboxDelivery(
  database: Database,
  handlers: EventHandler[],
  only: (type: string) => boolean = () => true,
): OutboxDelivery {
  let last = BEFORE_ALL;
  return {
    async skipWritten() {
      const [newest] = await database.db
        .select({ id: outboxEvents.id })
        .from(outboxEvents)
        .orderBy(desc(outboxEvents.id))
        .limit(1);
      last = newest?.id ?? last;
    },
    async deliver() {
      for (;;) {
        const rows = await database.db
          .select()
          .from(outboxEvents)
          .where(gt(outboxEvents.id, last))
          .orderBy(asc(outboxEvents.id));
        if (rows.length === 0) return;
        for (const row of rows) {
          last = row.id;
          if (!row.studioId || !only(row.type)) continue;
          const event = toDomainEvent(row);
          const studioId = row.studioId;
          for (const handler of handlers.filter((h) => h.eventType === row.type))
            await database.withStudio(studioId, (tx) => handler.handle(event, tx));
        }
      }
    },
  };
}
