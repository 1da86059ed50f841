import { electricMuseCatalog } from './electric-muse.js';
import { focusflowCatalog } from './focusflow.js';
import { qrStudiosCatalog } from './qr-studios.js';
import type { DemoItem } from './types.js';
import { tysunMikeCatalog } from './tysun-mike.js';
import { voltSupplyCatalog } from './volt-supply.js';

export type { DemoItem } from './types.js';
export { seedCatalog } from './write.js';

/** Each demo studio's catalog by studio slug, built when seeding (the supplier's is generated). */
export const DEMO_CATALOGS: Record<string, () => DemoItem[]> = {
  'tysun-mike-productions': tysunMikeCatalog,
  'electric-muse': electricMuseCatalog,
  'volt-supply': voltSupplyCatalog,
  'focusflow-demo': focusflowCatalog,
  'qr-studios': qrStudiosCatalog,
};
