import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Actor, StudioContext } from '../../platform/context.js';
import { type Database, selectRows } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { RequireStudioPermission } from './studios.access.js';
import type { Client, ClientInput } from './studios.schemas.js';
import { studioClients } from './studios.tables.js';

function toClient(row: typeof studioClients.$inferSelect): Client {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    userId: row.userId,
    createdAt: row.createdAt.toISOString(),
  };
}

/** A studio's customers: one row per studio and address, whether they checked out as guests or not. */
export function createClients({
  database,
  requireStudioPermission,
}: {
  database: Database;
  requireStudioPermission: RequireStudioPermission;
}) {
  return {
    /**
     * The client with this email in the studio, made on first sight. Details already on file win
     * (staff may have corrected them); a later checkout only fills what is missing.
     */
    async upsertClient(ctx: StudioContext, input: ClientInput): Promise<Client> {
      const email = input.email.trim();
      const name = input.name.trim();
      if (!email.includes('@')) throw AppError.invalid('email', 'is not an email address');
      if (!name) throw AppError.invalid('name', 'is required');
      // A returning client with nothing to fill in is read, not written. The upsert below always writes,
      // and a written row stays locked until the checkout commits, so a client's concurrent checkouts
      // (two tabs, a retry) queued behind each other: ~95 ms each at 50 at once. A key-share lock keeps
      // the row from being deleted before the order refers to it, and does not block other checkouts.
      const [known] = await ctx.tx
        .select()
        .from(studioClients)
        .where(
          and(eq(studioClients.studioId, ctx.studioId), sql`lower(${studioClients.email}) = lower(${email})`),
        )
        .for('key share');
      if (known && (known.userId !== null || !input.userId) && (known.phone !== null || !input.phone)) {
        return toClient(known);
      }
      // Raw SQL: the conflict target is the expression index on lower(email), which Drizzle cannot name.
      const [row] = await selectRows<{ id: string }>(
        ctx.tx,
        sql`insert into ${studioClients} (id, studio_id, user_id, email, name, phone)
            values (${uuidv7()}, ${ctx.studioId}, ${input.userId ?? null}, ${email}, ${name}, ${input.phone ?? null})
            on conflict (studio_id, lower(email)) do update set
              user_id = coalesce(${studioClients}.user_id, excluded.user_id),
              phone = coalesce(${studioClients}.phone, excluded.phone),
              updated_at = now()
            returning id`,
      );
      const [client] = await ctx.tx.select().from(studioClients).where(eq(studioClients.id, row!.id));
      return toClient(client!);
    },

    /**
     * Attaches a person to every client row, in every studio, with their address, so their history
     * (guest orders included) follows them into their account. Call it only with a verified address.
     * Rows already linked to someone are left alone. Returns how many rows were linked.
     */
    async linkClientAccounts(userId: string, email: string): Promise<number> {
      const linked = await database.db
        .update(studioClients)
        .set({ userId })
        .where(and(sql`lower(${studioClients.email}) = lower(${email.trim()})`, isNull(studioClients.userId)))
        .returning({ id: studioClients.id });
      return linked.length;
    },

    async listClients(
      actor: Actor,
      studioId: string,
      query: { limit?: number | undefined; cursor?: string | undefined },
    ): Promise<PageResult<Client>> {
      await requireStudioPermission(actor, studioId, 'clients.read');
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      const rows = await database.withStudio(studioId, (tx) =>
        tx
          .select()
          .from(studioClients)
          .where(before ? lt(studioClients.id, before) : undefined)
          .orderBy(desc(studioClients.id))
          .limit(limit + 1),
      );
      const page = toPage(rows, limit);
      return { items: page.items.map(toClient), nextCursor: page.nextCursor };
    },
  };
}
