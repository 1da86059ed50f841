import { sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import {
  createAuth,
  createCatalogService,
  createIdentityService,
  createStudiosService,
} from '../modules/index.js';
import type { Cache } from '../platform/cache/index.js';
import { type Database, withBootLock } from '../platform/db/index.js';
import { AppError } from '../platform/http/errors.js';
import type { Mailer } from '../platform/mailer/index.js';
import { createStorage, type Storage } from '../platform/storage/index.js';
import { seedBilling } from './billing.js';
import { DEMO_CATALOGS, seedCatalog } from './catalog/index.js';
import { seedCommerce } from './commerce.js';
import { seedHistory } from './history.js';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TOTP_SECRET } from './people.js';
import { DEMO_STUDIOS } from './studios.js';

interface SeedDeps {
  config: Config;
  database: Database;
  cache: Cache;
  mailer: Mailer;
  logger: Logger;
  /** Where the generated product pictures go; without it the demo items have no images. */
  storage?: Storage;
}

// Any constant works; it only has to be the same in every process that seeds this database.
const SEED_LOCK_ID = 727_002;

/**
 * Creates the five demo studios and their people through the same services the API uses. Idempotent:
 * what exists is left as it is (the studio owner may have edited it), so it is safe on every start.
 * Two replicas starting on one empty database take turns: each step checks what exists and then
 * writes, so side by side both saw "no categories yet", and the slower one stopped on a duplicate key
 * and did not start.
 */
export async function seedDemo(deps: SeedDeps) {
  return withBootLock(deps.database, SEED_LOCK_ID, () => seedDemoNow(deps));
}

async function seedDemoNow({ config, database, cache, mailer, logger, storage }: SeedDeps) {
  const studios = createStudiosService({ database, cache });
  const identity = createIdentityService({
    auth: createAuth({ config, database, mailer, logger }),
    database,
  });

  let studiosCreated = 0;
  for (const demo of DEMO_STUDIOS) {
    try {
      await studios.create(demo.studio);
      studiosCreated++;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'conflict')) throw error;
    }
  }

  // Catalogs apart from the studios, so a studio created before its catalog existed still gets it;
  // seedCatalog skips the items that are there (one lookup when everything is).
  const catalogStarted = performance.now();
  let itemsCreated = 0;
  for (const demo of DEMO_STUDIOS) {
    const build = DEMO_CATALOGS[demo.studio.slug];
    if (!build) continue;
    const studio = await studios.getBySlug(demo.studio.slug);
    itemsCreated += await seedCatalog({ database, cache, storage }, studio, build());
  }
  if (itemsCreated > 0) {
    // Thousands of rows just arrived: give the planner their statistics now rather than when autovacuum
    // gets to it (until then it plans for empty tables, and an uncached category page was 3-5x slower).
    await database.db.execute(sql`analyze`);
    logger.info(
      { itemsCreated, seconds: Number(((performance.now() - catalogStarted) / 1000).toFixed(1)) },
      'demo catalogs created',
    );
  }

  let peopleCreated = 0;
  const owners: Record<string, string> = {};
  for (const person of DEMO_PEOPLE) {
    const { userId, created } = await identity.createVerifiedPerson({
      name: person.name,
      email: person.email,
      password: DEMO_PASSWORD,
      platformRole: person.role === 'platform-admin' ? 'admin' : 'user',
    });
    if (created) peopleCreated++;
    if (created && person.totp) await identity.enableDemoTotp(userId, DEMO_TOTP_SECRET);
    const { role } = person;
    if (person.studio && role === 'owner') owners[person.studio] = userId;
    if (person.studio && role === 'client') {
      const studio = await studios.getBySlug(person.studio);
      await database.withStudio(studio.id, (tx) =>
        studios.upsertClient(
          { studioId: studio.id, actor: { kind: 'system', reason: 'demo seed' }, tx },
          { email: person.email, name: person.name, userId },
        ),
      );
    } else if (person.studio && role !== 'platform-admin' && role !== 'client') {
      const studio = await studios.getBySlug(person.studio);
      await studios.seedMember(studio.id, {
        userId,
        name: person.name,
        email: person.email,
        role,
      });
    }
  }
  // How the selling studios take money (settings, promo codes); only what still has its defaults.
  const commerce = await seedCommerce({ config, database, studios, storage });
  if (commerce.changed > 0) logger.info(commerce, 'demo commerce settings written');
  // What the paying studios pay Atelier (plan, billing row, invoices); only studios with no billing yet.
  const billing = await seedBilling({ database, cache, studios });
  if (billing.billed > 0) logger.info(billing, 'demo billing written');
  // What they sold before today (past orders, once per studio): their dashboards start with a history.
  const history = await seedHistory({
    config,
    database,
    cache,
    studios,
    catalog: createCatalogService({ database }),
    storage: storage ?? createStorage(config),
    owners,
  });
  if (history.orders > 0) logger.info({ orders: history.orders }, 'demo sales history recorded');
  for (const skipped of history.skipped) logger.warn(skipped, 'demo sales history left out');
  if (studiosCreated + peopleCreated > 0) logger.info({ studiosCreated, peopleCreated }, 'demo data created');
  return { studiosCreated, peopleCreated };
}
