import { count, desc, eq, lt } from 'drizzle-orm';
import { type Cache, createNearCache, namespacedKey } from '../../platform/cache/index.js';
import type { Actor, UserActor } from '../../platform/context.js';
import type { Database, Tx } from '../../platform/db/index.js';
import { emit } from '../../platform/events/index.js';
import { AppError } from '../../platform/http/errors.js';
import { decodeCursor, type PageResult, toPage } from '../../platform/http/pagination.js';
import type { Mailer } from '../../platform/mailer/index.js';
import { type AssertTwoFactor, createAccessCheck } from './studios.access.js';
import { createClients, type OnClientRecordsJoined } from './studios.clients.js';
import { STUDIOS_CACHE_NAMESPACE } from './studios.lookup.js';
import { PLAN_CURRENCY, PLAN_IDS, PLANS, type Plan, planLimits } from './studios.plans.js';
import type { StudioRole } from './studios.policy.js';
import type { CreatedStudio, NewStudio, Studio, StudioChanges } from './studios.schemas.js';
import { type StudioBrand, studioMembers, studios } from './studios.tables.js';
import { createTeam, ruleBroken } from './studios.team.js';

/**
 * Top-level paths of the site that are not studios (the web's platform pages and the API), so no studio
 * may take them as its slug: `/{slug}` would never reach it. The web keeps the same list of its pages
 * (PLATFORM_SEGMENTS in apps/web/i18n/locales.ts). studios.platform-paths.test.ts checks both against the
 * web's top-level page folders, so a new platform page cannot be forgotten here.
 */
export const PLATFORM_PATHS: ReadonlySet<string> = new Set([
  'account',
  'api',
  'forgot-password',
  'invitations',
  'reset-password',
  'sign-in',
  'sign-up',
  'studios',
  'too-many-requests',
  'two-factor',
  'verify-email',
]);

const CACHE_NAMESPACE = STUDIOS_CACHE_NAMESPACE;
const CACHE_SECONDS = 300;
const DEFAULT_PRIMARY = '#1f2937';
const DEFAULT_ACCENT = '#7c3aed';

/** Freezes a plain JSON-shaped value all the way down, so a shared copy cannot be changed by a caller. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

function toStudio(row: typeof studios.$inferSelect): Studio {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    tagline: row.tagline,
    currency: row.currency,
    timezone: row.timezone,
    locale: row.locale,
    brand: row.brand,
    plan: row.plan,
    contactEmail: row.contactEmail,
    contactPhone: row.contactPhone,
    requireStaffTwoFactor: row.requireStaffTwoFactor,
  };
}

/** An IANA zone name that Intl knows (offsets such as "+07:00" are not zones: they ignore DST). */
function assertTimeZone(timezone: string): void {
  let valid = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/.test(timezone);
  if (valid) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: timezone });
    } catch {
      valid = false;
    }
  }
  if (!valid) throw AppError.invalid('timezone', `"${timezone}" is not an IANA time zone, e.g. Asia/Bangkok`);
}

function initials(name: string): string {
  const letters = name
    .split(/\s+/)
    .map((word) => [...word][0] ?? '')
    .join('');
  return [...letters].slice(0, 2).join('').toUpperCase() || 'A';
}

function brandFrom(
  name: string,
  input: Partial<StudioBrand> | undefined,
  current?: StudioBrand,
): StudioBrand {
  return {
    primaryColor: input?.primaryColor ?? current?.primaryColor ?? DEFAULT_PRIMARY,
    accentColor: input?.accentColor ?? current?.accentColor ?? DEFAULT_ACCENT,
    logoText: input?.logoText ?? current?.logoText ?? initials(name),
    logoUrl: input?.logoUrl !== undefined ? input.logoUrl : (current?.logoUrl ?? null),
  };
}

export interface StudiosDeps {
  database: Database;
  cache: Cache;
  /** Sends invitations. Without it (demo seeding, narrow tests) the service cannot invite. */
  mailer?: Mailer;
  /** The web origin invitation links point to. */
  publicUrl?: string;
  /**
   * The person's email address if they have verified it, else null. Identity owns people, so the app
   * wires this in; without it nobody counts as verified (creating studios and accepting invitations fail).
   */
  verifiedEmailOf?: (actor: UserActor) => Promise<string | null>;
  /**
   * Refuses a person without two-factor (identity's `assertTwoFactorSatisfied`), for studios with
   * `requireStaffTwoFactor`. Without it, members of such studios are refused all but `studio.read`.
   */
  assertTwoFactor?: AssertTwoFactor;
  /**
   * Moves what a person's retired client records held to their live record (payments' wallet
   * carry-over), in the transaction that retires them. Without it (narrow tests) balances stay behind.
   */
  onClientRecordsJoined?: OnClientRecordsJoined;
  clock?: () => Date;
}

export type StudiosService = ReturnType<typeof createStudiosService>;

/**
 * The tenants, who works in them, and their clients. Every tenant route resolves its `{studio}` slug
 * here first, so the lookup is cached and the cache is dropped on every write to a studio.
 */
export function createStudiosService({
  database,
  cache,
  mailer,
  publicUrl,
  verifiedEmailOf,
  assertTwoFactor,
  onClientRecordsJoined,
  clock = () => new Date(),
}: StudiosDeps) {
  const requireStudioPermission = createAccessCheck(database, assertTwoFactor);
  // Every tenant request starts with getBySlug: keep the answers ready in this process (frozen, keyed by
  // the namespace version, so a write to any studio anywhere makes them unreachable).
  const nearBySlug = createNearCache<Readonly<Studio> | null>({ maxEntries: 1_000 });
  const clients = createClients({ database, requireStudioPermission, onClientRecordsJoined });
  const team = createTeam({
    database,
    requireStudioPermission,
    toStudio,
    linkClientAccounts: clients.linkClientAccounts,
    clock,
    mailer,
    publicUrl,
    verifiedEmailOf,
  });

  const insertStudio = async (tx: Tx, input: NewStudio) => {
    assertTimeZone(input.timezone);
    if (PLATFORM_PATHS.has(input.slug)) {
      throw AppError.conflictOn('slug', `The slug "${input.slug}" is one of the platform's own pages`);
    }
    const [row] = await tx
      .insert(studios)
      .values({
        slug: input.slug,
        name: input.name,
        tagline: input.tagline ?? '',
        currency: input.currency,
        timezone: input.timezone,
        locale: input.locale,
        brand: brandFrom(input.name, input.brand),
        plan: input.plan ?? 'starter',
        contactEmail: input.contactEmail ?? null,
        contactPhone: input.contactPhone ?? null,
        requireStaffTwoFactor: input.requireStaffTwoFactor ?? false,
      })
      .onConflictDoNothing({ target: studios.slug })
      .returning();
    if (!row) throw AppError.conflictOn('slug', `The slug "${input.slug}" is taken`);
    await emit(tx, { type: 'studios.studio.created', studioId: row.id, payload: { slug: row.slug } });
    return row;
  };

  return {
    requireStudioPermission,
    ...team,
    upsertClient: clients.upsertClient,
    linkClientAccounts: clients.linkClientAccounts,
    retireClientsOfUser: clients.retireClientsOfUser,
    listClients: clients.listClients,
    getClient: clients.getClient,
    updateClient: clients.updateClient,

    plans(): (Plan & { currency: string })[] {
      return PLAN_IDS.map((id) => ({ ...PLANS[id], currency: PLAN_CURRENCY }));
    },

    async list(query: {
      limit?: number | undefined;
      cursor?: string | undefined;
    }): Promise<PageResult<Studio>> {
      const limit = query.limit ?? 20;
      const after = decodeCursor(query.cursor);
      const rows = await database.db
        .select()
        .from(studios)
        .where(after ? lt(studios.id, after) : undefined)
        .orderBy(desc(studios.id))
        .limit(limit + 1);
      return toPage(rows.map(toStudio), limit);
    },

    /** The studio with this slug; 404 when there is none. */
    async getBySlug(slug: string): Promise<Studio> {
      const key = await namespacedKey(cache, CACHE_NAMESPACE, `slug:${slug}`);
      let studio = nearBySlug.get(key);
      if (studio === undefined) {
        const loaded = await cache.wrap(key, CACHE_SECONDS, async () => {
          const [row] = await database.db.select().from(studios).where(eq(studios.slug, slug));
          return row ? toStudio(row) : null;
        });
        studio = loaded && deepFreeze(loaded);
        nearBySlug.set(key, studio, Date.now() + CACHE_SECONDS * 1000);
      }
      if (!studio) throw new AppError('not_found', `No studio called "${slug}"`);
      return studio as Studio;
    },

    /** A studio without an owner yet: platform code (the demo seed, platform admin). */
    async create(input: NewStudio): Promise<Studio> {
      const row = await database.transaction((tx) => insertStudio(tx, input));
      await cache.invalidate(CACHE_NAMESPACE);
      return toStudio(row);
    },

    /** Makes a person a member with a role, if they are not one yet (demo data, imports). Idempotent. */
    async seedMember(
      studioId: string,
      member: { userId: string; name: string; email: string; role: StudioRole },
    ) {
      await database.withStudio(studioId, async (tx) => {
        await tx
          .insert(studioMembers)
          .values({ studioId, ...member })
          .onConflictDoNothing({ target: [studioMembers.studioId, studioMembers.userId] });
      });
    },

    /**
     * A person opens a studio and becomes its first owner. They must have verified their email. The
     * studio opens on starter whatever plan was asked for: paid plans are charged, so the owner
     * subscribes on the billing page, which `next.billing.requestedPlan` points them to.
     */
    async createForOwner(actor: Actor, input: NewStudio): Promise<CreatedStudio> {
      if (actor.kind !== 'user') throw new AppError('unauthenticated', 'Sign in to open a studio');
      const email = await team.verifiedEmail(actor);
      const row = await database.transaction(async (tx) => {
        const studio = await insertStudio(tx, { ...input, plan: 'starter' });
        // As the owner role: the studio did not exist when this transaction began, so there is no scope yet.
        await tx.insert(studioMembers).values({
          studioId: studio.id,
          userId: actor.userId,
          role: 'owner',
          name: actor.name,
          email,
        });
        await emit(tx, {
          type: 'studios.member.added',
          studioId: studio.id,
          payload: { actorUserId: actor.userId, userId: actor.userId, role: 'owner', invitationId: null },
        });
        return studio;
      });
      await cache.invalidate(CACHE_NAMESPACE);
      const requested = input.plan;
      return {
        ...toStudio(row),
        ...(requested && requested !== 'starter' ? { next: { billing: { requestedPlan: requested } } } : {}),
      };
    },

    /** Changes a studio's settings (owner, admin); the plan only by a platform admin (owners use billing). */
    async update(actor: Actor, studioId: string, changes: StudioChanges): Promise<Studio> {
      const access = await requireStudioPermission(actor, studioId, 'studio.settings.update');
      if (changes.timezone !== undefined) assertTimeZone(changes.timezone);
      // Asked before the transaction: the check reads outside it (on PGlite that would wait on ourselves).
      const callerHasTwoFactor =
        changes.requireStaffTwoFactor === true && assertTwoFactor
          ? await assertTwoFactor(actor).then(
              () => true,
              () => false,
            )
          : false;
      const row = await database.transaction(async (tx) => {
        const [current] = await tx.select().from(studios).where(eq(studios.id, studioId)).for('update');
        if (!current) throw new AppError('not_found', 'No such studio');
        if (Object.keys(changes).length === 0) return current;
        // Whoever turns the requirement on must meet it, or they would lock themselves out of the studio.
        if (changes.requireStaffTwoFactor === true && !current.requireStaffTwoFactor && !callerHasTwoFactor) {
          throw ruleBroken(
            'requireStaffTwoFactor',
            'Turn on two-factor for your own account before requiring it of staff',
          );
        }
        if (changes.plan !== undefined && changes.plan !== current.plan) {
          // A plan is charged for: owners change it through billing (payments module, which then calls
          // setStudioPlan). Here only a platform administrator may set it, e.g. to correct a record.
          if (actor.kind !== 'user' || actor.platformRole !== 'admin')
            throw new AppError('forbidden', 'Change the plan under Plan and billing', {
              fields: [{ field: 'plan', message: 'the plan changes through billing (POST /billing/plan)' }],
            });
          const [members] = await tx
            .select({ n: count() })
            .from(studioMembers)
            .where(eq(studioMembers.studioId, studioId));
          const { teamSeats } = planLimits(changes.plan);
          if ((members?.n ?? 0) > teamSeats)
            throw ruleBroken(
              'teamSeats',
              `The ${changes.plan} plan has ${teamSeats} team seats; remove members before moving to it`,
            );
        }
        const { brand, ...rest } = changes;
        const [updated] = await tx
          .update(studios)
          .set({ ...rest, ...(brand ? { brand: brandFrom(current.name, brand, current.brand) } : {}) })
          .where(eq(studios.id, studioId))
          .returning();
        await emit(tx, {
          type: 'studios.studio.updated',
          studioId,
          payload: { actorUserId: access.userId, changed: Object.keys(changes) },
        });
        return updated!;
      });
      await cache.invalidate(CACHE_NAMESPACE);
      return toStudio(row);
    },
  };
}
