import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { StudioContext } from '../../platform/context.js';
import type { Database } from '../../platform/db/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageQuery, type PageResult, toPage } from '../../platform/http/pagination.js';
import { recordAudit } from '../audit/index.js';
import type { ApiKey, CreatedApiKey, NewApiKey } from './api-keys.schemas.js';
import { apiKeys } from './api-keys.tables.js';

const KEY_PATTERN = /^atk_([a-z0-9]{8})_([A-Za-z0-9]{32})$/;
const PREFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** last_used_at is a "roughly when" for people, not a request log: one write a minute per key at most. */
const LAST_USED_RESOLUTION_MS = 60_000;

const randomString = (alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');

function toApiKey(row: typeof apiKeys.$inferSelect): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Where a request came from, for the audit entries of key management and use. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

export interface VerifiedApiKey {
  keyId: string;
  studioId: string;
  name: string;
}

export type ApiKeysService = ReturnType<typeof createApiKeysService>;

export function createApiKeysService({
  database,
  clock = () => new Date(),
}: {
  database: Database;
  clock?: () => Date;
}) {
  // Per process: when this process last wrote last_used_at for a key. The conditional UPDATE below keeps
  // replicas from writing more than once a minute between them; this map spares even the attempt.
  const lastTouched = new Map<string, number>();

  return {
    async create(ctx: StudioContext, input: NewApiKey, origin: RequestOrigin): Promise<CreatedApiKey> {
      const prefix = randomString(PREFIX_ALPHABET, 8);
      const secret = randomString(SECRET_ALPHABET, 32);
      const [row] = await ctx.tx
        .insert(apiKeys)
        .values({
          studioId: ctx.studioId,
          name: input.name.trim(),
          prefix,
          secretHash: sha256(secret),
          createdBy: ctx.actor.kind === 'user' ? ctx.actor.userId : null,
        })
        .returning();
      if (!row) throw new AppError('internal', 'The key was not stored');
      await recordAudit(ctx.tx, {
        studioId: ctx.studioId,
        actor: ctx.actor,
        action: 'api_key.created',
        target: { type: 'api_key', id: row.id },
        ...origin,
        data: { name: row.name, prefix },
      });
      return { ...toApiKey(row), key: `atk_${prefix}_${secret}` };
    },

    async list(ctx: StudioContext, query: PageQuery): Promise<PageResult<ApiKey>> {
      const limit = query.limit ?? 20;
      const before = decodeCursor(query.cursor);
      const rows = await ctx.tx
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.studioId, ctx.studioId), before ? lt(apiKeys.id, before) : undefined))
        .orderBy(desc(apiKeys.id))
        .limit(limit + 1);
      return toPage(rows.map(toApiKey), limit);
    },

    /** Revokes a key at once (its next request is 401). Revoking a revoked key is a no-op. */
    async revoke(ctx: StudioContext, keyId: string, origin: RequestOrigin): Promise<ApiKey> {
      const [existing] = await ctx.tx.select().from(apiKeys).where(eq(apiKeys.id, keyId));
      if (!existing) throw new AppError('not_found', 'No such API key in this studio');
      if (existing.revokedAt) return toApiKey(existing);
      const [row] = await ctx.tx
        .update(apiKeys)
        .set({ revokedAt: clock() })
        .where(eq(apiKeys.id, keyId))
        .returning();
      if (!row) throw new AppError('not_found', 'No such API key in this studio');
      await recordAudit(ctx.tx, {
        studioId: ctx.studioId,
        actor: ctx.actor,
        action: 'api_key.revoked',
        target: { type: 'api_key', id: row.id },
        ...origin,
        data: { name: row.name, prefix: row.prefix },
      });
      return toApiKey(row);
    },

    /**
     * The key behind `atk_...`, or null when the text is not shaped like one of our keys. A well-formed
     * key that is unknown, wrong or revoked is 401: it must not quietly become an anonymous request.
     * Platform-level read (the studio is not known until the key is found).
     */
    async verify(presented: string, origin: RequestOrigin): Promise<VerifiedApiKey | null> {
      const match = KEY_PATTERN.exec(presented);
      if (!match) return null;
      const [, prefix = '', secret = ''] = match;
      const [row] = await database.db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix));
      const expected = Buffer.from(row?.secretHash ?? sha256(''), 'hex');
      const matches = timingSafeEqual(expected, Buffer.from(sha256(secret), 'hex'));
      if (!row || !matches) throw new AppError('unauthenticated', 'This API key is not valid');
      if (row.revokedAt) throw new AppError('unauthenticated', 'This API key has been revoked');
      await this.touch(row.id, row.studioId, origin);
      return { keyId: row.id, studioId: row.studioId, name: row.name };
    },

    /** Records use: last_used_at and an `api_key.used` audit entry, at most once a minute per key. */
    async touch(keyId: string, studioId: string, origin: RequestOrigin): Promise<void> {
      const now = clock();
      const previous = lastTouched.get(keyId);
      if (previous !== undefined && now.getTime() - previous < LAST_USED_RESOLUTION_MS) return;
      lastTouched.set(keyId, now.getTime());
      const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
      await database.withStudio(studioId, async (tx) => {
        const touched = await tx
          .update(apiKeys)
          .set({ lastUsedAt: now })
          .where(and(eq(apiKeys.id, keyId), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, cutoff))))
          .returning({ id: apiKeys.id, name: apiKeys.name });
        const [key] = touched;
        if (!key) return;
        await recordAudit(tx, {
          studioId,
          actor: { kind: 'apiKey', keyId, studioId, name: key.name },
          action: 'api_key.used',
          target: { type: 'api_key', id: keyId },
          ...origin,
        });
      });
    },
  };
}
