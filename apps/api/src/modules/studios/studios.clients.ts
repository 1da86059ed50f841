import { and, desc, eq, ilike, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Actor, StudioContext } from '../../platform/context.js';
import { type Database, selectRows, type Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { RequireStudioPermission } from './studios.access.js';
import type { Client, ClientInput, ClientListQuery } from './studios.schemas.js';
import { studioClients } from './studios.tables.js';

function toClient(row: typeof studioClients.$inferSelect): Client {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    phone: row.phone,
    userId: row.userId,
    retiredAt: row.retiredAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

/**
 * A record that retired while its person has a live record in the same studio (an older record of
 * theirs, a guest record for their new address, their record for an address someone else has since
 * proved): what it held (a wallet balance) goes to that live record.
 */
export interface ClientRecordJoin {
  studioId: string;
  fromClientId: string;
  toClientId: string;
}

/**
 * Runs in the transaction that retired the records, so what they held moves with the retirement or not
 * at all (the payments module carries wallet balances over).
 */
export type OnClientRecordsJoined = (tx: Tx, joins: ClientRecordJoin[]) => Promise<unknown>;

/** A studio's customers: one row per studio and address, whether they checked out as guests or not. */
export function createClients({
  database,
  requireStudioPermission,
  onClientRecordsJoined,
}: {
  database: Database;
  requireStudioPermission: RequireStudioPermission;
  onClientRecordsJoined?: OnClientRecordsJoined | undefined;
}) {
  /** Hands what retired records held to their person's live record in the same studio (see the hook). */
  async function joinRetired(tx: Tx, retiredIds: string[]): Promise<void> {
    if (retiredIds.length === 0 || !onClientRecordsJoined) return;
    const joins = await selectRows<ClientRecordJoin>(
      tx,
      sql`select gone.studio_id as "studioId", gone.id as "fromClientId", live.id as "toClientId"
          from ${studioClients} gone
          join ${studioClients} live on live.studio_id = gone.studio_id and live.user_id = gone.user_id
            and live.retired_at is null and live.id <> gone.id
          where gone.id in (${sql.join(
            retiredIds.map((id) => sql`${id}`),
            sql`, `,
          )})`,
    );
    if (joins.length > 0) await onClientRecordsJoined(tx, joins);
  }

  return {
    /**
     * The client with this email in the studio, made on first sight. Details already on file win
     * (staff may have corrected them); a later checkout only fills what is missing. `userId` is the
     * person who has proved the address, if anyone has: a live record still attached to someone else
     * is stale (an address belongs to one account at a time; theirs has moved on or been deleted), so it
     * retires, keeping its history with them, and the prover gets a record of their own.
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
          and(
            eq(studioClients.studioId, ctx.studioId),
            sql`lower(${studioClients.email}) = lower(${email})`,
            isNull(studioClients.retiredAt),
          ),
        )
        .for('key share');
      const stale = known?.userId && input.userId && known.userId !== input.userId;
      if (stale) {
        await ctx.tx
          .update(studioClients)
          .set({ retiredAt: sql`now()` })
          .where(eq(studioClients.id, known.id));
        await joinRetired(ctx.tx, [known.id]);
      } else if (
        known &&
        (known.userId !== null || !input.userId) &&
        (known.phone !== null || !input.phone)
      ) {
        if (!input.seenAt || input.seenAt >= known.createdAt) return toClient(known);
        // An earlier past order than any recorded: the client goes back that far.
        const [earlier] = await ctx.tx
          .update(studioClients)
          .set({ createdAt: input.seenAt })
          .where(eq(studioClients.id, known.id))
          .returning();
        return toClient(earlier!);
      }
      // Raw SQL: the conflict target is the expression index on lower(email), which Drizzle cannot name.
      const [row] = await selectRows<{ id: string }>(
        ctx.tx,
        sql`insert into ${studioClients} (id, studio_id, user_id, email, name, phone, created_at)
            values (${uuidv7()}, ${ctx.studioId}, ${input.userId ?? null}, ${email}, ${name}, ${input.phone ?? null},
              coalesce(${input.seenAt?.toISOString() ?? null}::timestamptz, now()))
            on conflict (studio_id, lower(email)) where retired_at is null do update set
              user_id = coalesce(${studioClients}.user_id, excluded.user_id),
              phone = coalesce(${studioClients}.phone, excluded.phone),
              created_at = least(${studioClients}.created_at, excluded.created_at),
              updated_at = now()
            returning id`,
      );
      const [client] = await ctx.tx.select().from(studioClients).where(eq(studioClients.id, row!.id));
      return toClient(client!);
    },

    /**
     * Brings every studio's client records in line with a person's proved address, so their history
     * (guest orders included), plans and wallet follow them. Call it only with a verified address; it
     * runs at each sign-in and each verification (an email change is one), on the owner's connection
     * because it crosses studios. Returns how many records it changed. An address belongs to one
     * account at a time, so, in this order:
     * 1. Live records for the address attached to someone else are stale (that person changed their
     *    address or deleted their account): they retire, keeping their history with that person.
     * 2. The person's own live records for another address (the one they had before an email change)
     *    move to the new address, one per studio, so their wallet and history carry on under it. Where
     *    the studio already has a guest record for the new address, that one joins the person retired
     *    (its orders stay theirs) and gives way. Any other record of theirs retires, so the old address
     *    is free for whoever holds it next.
     * 3. Unattached records for the address (guest checkouts) are attached to the person.
     * What each retired record held (a wallet balance) goes to its own person's live record in the same
     * studio, in this transaction (`onClientRecordsJoined`), so no money is left where nobody can spend it.
     */
    async linkClientAccounts(userId: string, email: string): Promise<number> {
      const address = email.trim();
      return database.db.transaction(async (tx) => {
        const notTheirs = await tx
          .update(studioClients)
          .set({ retiredAt: sql`now()` })
          .where(
            and(
              sql`lower(${studioClients.email}) = lower(${address})`,
              isNull(studioClients.retiredAt),
              sql`${studioClients.userId} is not null and ${studioClients.userId} <> ${userId}`,
            ),
          )
          .returning({ id: studioClients.id });
        // A guest record for the new address where they have a record of their own (and its wallet):
        // attached to them, retired, so that theirs can take the address below.
        const absorbed = await selectRows<{ id: string }>(
          tx,
          sql`update ${studioClients} guest set user_id = ${userId}, retired_at = now(), updated_at = now()
              where guest.retired_at is null and guest.user_id is null
                and lower(guest.email) = lower(${address})
                and exists (
                  select 1 from ${studioClients} mine
                  where mine.studio_id = guest.studio_id and mine.user_id = ${userId}
                    and mine.retired_at is null and lower(mine.email) <> lower(${address})
                )
              returning guest.id`,
        );
        // Their oldest record per studio takes the new address, unless that studio already has one live.
        const moved = await selectRows<{ id: string }>(
          tx,
          sql`update ${studioClients} c set email = ${address}, updated_at = now()
              where c.id in (
                select distinct on (mine.studio_id) mine.id from ${studioClients} mine
                where mine.user_id = ${userId} and mine.retired_at is null
                  and lower(mine.email) <> lower(${address})
                  and not exists (
                    select 1 from ${studioClients} taken
                    where taken.studio_id = mine.studio_id and taken.retired_at is null
                      and lower(taken.email) = lower(${address})
                  )
                order by mine.studio_id, mine.id
              )
              returning c.id`,
        );
        const left = await tx
          .update(studioClients)
          .set({ retiredAt: sql`now()` })
          .where(
            and(
              eq(studioClients.userId, userId),
              isNull(studioClients.retiredAt),
              sql`lower(${studioClients.email}) <> lower(${address})`,
            ),
          )
          .returning({ id: studioClients.id });
        const linked = await tx
          .update(studioClients)
          .set({ userId })
          .where(
            and(
              sql`lower(${studioClients.email}) = lower(${address})`,
              isNull(studioClients.userId),
              isNull(studioClients.retiredAt),
            ),
          )
          .returning({ id: studioClients.id });
        // Everything retired here hands what it held to its own person's live record in that studio:
        // this person's (their old records, the guest record they absorbed) or, for a record of an
        // earlier holder of the address, that holder's, if they have one there.
        await joinRetired(
          tx,
          [...notTheirs, ...absorbed, ...left].map((row) => row.id),
        );
        return notTheirs.length + absorbed.length + moved.length + left.length + linked.length;
      });
    },

    /**
     * Retires every live client record of a person whose account is being deleted, in the deletion's
     * transaction (`tx`, the owner's connection: it crosses studios). Their addresses are free at once:
     * whoever proves one next starts afresh instead of inheriting the deleted person's history.
     */
    async retireClientsOfUser(tx: Tx, userId: string): Promise<number> {
      const retired = await tx
        .update(studioClients)
        .set({ retiredAt: sql`now()` })
        .where(and(eq(studioClients.userId, userId), isNull(studioClients.retiredAt)))
        .returning({ id: studioClients.id });
      return retired.length;
    },

    /**
     * A page of the studio's clients, newest first. `q` finds a part of the name, email or phone;
     * `retired` keeps only retired records (true) or only live ones (false), both when left out.
     */
    async listClients(actor: Actor, studioId: string, query: ClientListQuery): Promise<PageResult<Client>> {
      await requireStudioPermission(actor, studioId, 'clients.read');
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      const q = query.q?.trim();
      const like = q ? `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
      const rows = await database.withStudio(studioId, (tx) =>
        tx
          .select()
          .from(studioClients)
          .where(
            and(
              eq(studioClients.studioId, studioId),
              before ? lt(studioClients.id, before) : undefined,
              query.retired === undefined
                ? undefined
                : query.retired
                  ? isNotNull(studioClients.retiredAt)
                  : isNull(studioClients.retiredAt),
              like
                ? or(
                    ilike(studioClients.name, like),
                    ilike(studioClients.email, like),
                    ilike(studioClients.phone, like),
                  )
                : undefined,
            ),
          )
          .orderBy(desc(studioClients.id))
          .limit(limit + 1),
      );
      const page = toPage(rows, limit);
      return { items: page.items.map(toClient), nextCursor: page.nextCursor };
    },

    /** One client record of the studio (staff): 404 for an unknown id or another studio's. */
    async getClient(actor: Actor, studioId: string, clientId: string): Promise<Client> {
      await requireStudioPermission(actor, studioId, 'clients.read');
      const [row] = await database.withStudio(studioId, (tx) =>
        tx.select().from(studioClients).where(eq(studioClients.id, clientId)),
      );
      if (!row) throw new AppError('not_found', 'No such client in this studio');
      return toClient(row);
    },

    /**
     * Staff correct a client's name or phone (`clients.manage`). Later checkouts keep what staff wrote:
     * `upsertClient` only fills what is missing. The email is not editable here: it is what links the
     * record to a person and their orders, and it changes with the person's own proved address.
     */
    async updateClient(
      actor: Actor,
      studioId: string,
      clientId: string,
      input: { name?: string | undefined; phone?: string | null | undefined },
    ): Promise<Client> {
      const access = await requireStudioPermission(actor, studioId, 'clients.manage');
      const name = input.name?.trim();
      if (input.name !== undefined && !name) throw AppError.invalid('body.name', 'is required');
      const phone = input.phone === undefined ? undefined : input.phone?.trim() || null;
      const changed = [...(name ? ['name'] : []), ...(phone !== undefined ? ['phone'] : [])];
      return database.withStudio(studioId, async (tx) => {
        if (changed.length === 0) {
          const [row] = await tx.select().from(studioClients).where(eq(studioClients.id, clientId));
          if (!row) throw new AppError('not_found', 'No such client in this studio');
          return toClient(row);
        }
        const [row] = await tx
          .update(studioClients)
          .set({
            ...(name ? { name } : {}),
            ...(phone !== undefined ? { phone } : {}),
            updatedAt: sql`now()`,
          })
          .where(eq(studioClients.id, clientId))
          .returning();
        if (!row) throw new AppError('not_found', 'No such client in this studio');
        await emit(tx, {
          type: 'studios.client.updated',
          studioId,
          payload: { clientId, actorUserId: access.userId, changed },
        });
        return toClient(row);
      });
    },
  };
}
