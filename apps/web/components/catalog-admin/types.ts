import type { JsonBody } from '@atelier/sdk';

/**
 * The shapes the catalog admin pages work with (apps/api/src/modules/catalog/catalog.admin.schemas.ts).
 * The editor keeps its own draft of an item (`ItemDraft`, item-draft.ts) with money as text, so a
 * half-typed price stays on screen while it is checked.
 */
export type ItemKind = 'service' | 'package' | 'product' | 'digital';
export type ItemStatus = 'draft' | 'published' | 'archived';

export const ITEM_KINDS: ItemKind[] = ['service', 'package', 'product', 'digital'];
export const ITEM_STATUSES: ItemStatus[] = ['draft', 'published', 'archived'];

// The API's own answers, from the generated SDK types, so a change of shape fails the typecheck here.
// The admin read of one item (operation getCatalogItemForEditing); the update answers the same shape.
export type AdminItem = JsonBody<'updateCatalogItem', 200>;
export type AdminOption = Pick<AdminItem['options'][number], 'name' | 'values'>;
export type AdminVariant = AdminItem['variants'][number];
export type AdminImage = AdminItem['images'][number];
/** One row of the admin list. */
export type AdminItemSummary = JsonBody<'listAdminCatalogItems', 200>['items'][number];
export type AdminCategory = JsonBody<'listCategoryTree', 200>['items'][number];
export type AdminBrand = JsonBody<'listBrands', 200>['items'][number];
export type AdminFlashSale = JsonBody<'listFlashSales', 200>['items'][number];
export type AdminImport = JsonBody<'getCatalogImport', 200>;
export type RejectedRow = AdminImport['rejected'][number];

export interface StudioFacts {
  slug: string;
  name: string;
  currency: string;
  timezone: string;
}
