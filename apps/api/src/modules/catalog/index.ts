export { catalogRoutes } from './catalog.routes.js';
export { type CatalogItem, CatalogItemSchema, MoneySchema, type NewCatalogItem } from './catalog.schemas.js';
export { type CatalogService, createCatalogService } from './catalog.service.js';
