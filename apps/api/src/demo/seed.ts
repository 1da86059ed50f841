import type { Logger } from 'pino';
import type { Config } from '../config.js';
import {
  createAuth,
  createCatalogService,
  createIdentityService,
  createStudiosService,
} from '../modules/index.js';
import type { Cache } from '../platform/cache/index.js';
import { ANONYMOUS } from '../platform/context.js';
import type { Database } from '../platform/db/index.js';
import { AppError } from '../platform/http/errors.js';
import type { Mailer } from '../platform/mailer/index.js';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TOTP_SECRET } from './people.js';
import { DEMO_STUDIOS } from './studios.js';

interface SeedDeps {
  config: Config;
  database: Database;
  cache: Cache;
  mailer: Mailer;
  logger: Logger;
}

/**
 * Creates the five demo studios and their people through the same services the API uses. Idempotent:
 * what exists is left as it is (the studio owner may have edited it), so it is safe on every start.
 */
export async function seedDemo({ config, database, cache, mailer, logger }: SeedDeps) {
  const studios = createStudiosService({ database, cache });
  const catalog = createCatalogService();
  const identity = createIdentityService({
    auth: createAuth({ config, database, mailer, logger }),
    database,
  });

  let studiosCreated = 0;
  for (const demo of DEMO_STUDIOS) {
    try {
      const studio = await studios.create(demo.studio);
      await database.withStudio(studio.id, async (tx) => {
        for (const item of demo.items) {
          await catalog.create(
            { studioId: studio.id, actor: ANONYMOUS, tx },
            { ...item, currency: studio.currency },
          );
        }
      });
      studiosCreated++;
    } catch (error) {
      if (error instanceof AppError && error.code === 'conflict') continue;
      throw error;
    }
  }

  let peopleCreated = 0;
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
  if (studiosCreated + peopleCreated > 0) logger.info({ studiosCreated, peopleCreated }, 'demo data created');
  return { studiosCreated, peopleCreated };
}
