export { catalogAdminRoutes } from './catalog.admin.routes.js';
export { type CatalogAdminService, createCatalogAdminService, slugify } from './catalog.admin.service.js';
export { catalogNamespace, invalidateCatalog } from './catalog.cache.js';
export { createCatalogCheckout } from './catalog.checkout.js';
export type { CatalogCheckout, QuotedLine, QuoteLineRequest } from './catalog.checkout.types.js';
// What counts towards the plan's item limit (billing shows it as usage).
export { countCatalogItems } from './catalog.counts.js';
export {
  ITEM_DETAILS_SCHEMAS,
  VARIANT_DETAILS_SCHEMAS,
  validateItemDetails,
  validateVariantDetails,
} from './catalog.details.js';
export {
  createFlashSalesService,
  FLASH_SALE_BOUNDARY_QUEUE,
  type FlashSalesService,
  registerFlashSaleWorkers,
} from './catalog.flash-sales.js';
export { flashSalesRoutes } from './catalog.flash-sales.routes.js';
export {
  CATALOG_IMPORT_JOB,
  type CatalogImportJob,
  catalogImportWorker,
  runCatalogImport,
} from './catalog.import.js';
export { catalogImportRoutes } from './catalog.import.routes.js';
export { ensureBrands, ensureCategoryPaths } from './catalog.import.write.js';
export { catalogRoutes } from './catalog.routes.js';
export { sanitizeDescription } from './catalog.sanitize.js';
export { type CatalogItem, CatalogItemSchema, MoneySchema, type NewCatalogItem } from './catalog.schemas.js';
export {
  addSearchWords,
  refreshSearchDocuments,
  segmentThai,
  stripHtml,
  thaiTypoCorrectionWorks,
} from './catalog.search.js';
export { type CatalogService, createCatalogService } from './catalog.service.js';
// For the demo seed's bulk inserts (demo/catalog): the tables a whole catalog is written to.
export {
  catalogFlashSales,
  catalogImages,
  catalogItems,
  catalogOptions,
  catalogVariants,
} from './catalog.tables.js';
export { generateVariantMatrix, refreshItemPrices, replaceVariants } from './catalog.variants.js';
