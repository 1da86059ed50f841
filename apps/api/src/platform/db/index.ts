export {
  APP_ROLE,
  type Database,
  type Db,
  type Engine,
  openDatabase,
  preparedRows,
  selectRows,
  type Tx,
} from './client.js';
export { studioId, timestamps, uuidPrimaryKey } from './columns.js';
export { MIGRATIONS_FOLDER, migrate, withBootLock } from './migrate.js';
export { PLATFORM_TABLES, TENANT_COLUMN, tenantTables } from './tenancy.js';
export { DATABASE_UPKEEP_JOB, type UpkeepDone, upkeepWhereDue } from './upkeep.js';
