import 'server-only';
import {
  AtelierApiError,
  type CatalogItem,
  type CatalogItemKind,
  type JsonBody,
  type Page,
  type Studio,
  unwrap,
} from '@atelier/sdk';
import { cache } from 'react';
import { isStudioSlug } from '@/i18n/locales';
import { attempt, type Outcome } from '@/lib/outcome';
import { publicApi } from '@/lib/server-api';

// The admin counts by paging; the cap keeps one dashboard view from walking a huge catalog.
const COUNT_PAGE_SIZE = 100;
const COUNT_MAX_PAGES = 20;

export type { Outcome } from '@/lib/outcome';

// cache(): the request config, metadata, layouts and pages of one request share a single API call.
export const loadStudio = cache(async (slug: string): Promise<Outcome<Studio>> => {
  // Paths like /favicon.ico reach the [studio] route too; answer them as the API would, without asking.
  if (!isStudioSlug(slug)) {
    return {
      ok: false,
      error: new AtelierApiError({ status: 404, code: 'not_found', detail: 'No such studio' }),
    };
  }
  const api = await publicApi();
  return attempt(unwrap(api.GET('/api/v1/studios/{studio}', { params: { path: { studio: slug } } })));
});

export const listStudios = cache(
  async (): Promise<Outcome<Page<Studio>>> =>
    attempt(unwrap((await publicApi()).GET('/api/v1/studios', { params: { query: { limit: 100 } } }))),
);

export const listCatalog = cache(
  async (slug: string, cursor?: string, limit = 24): Promise<Outcome<Page<CatalogItem>>> =>
    attempt(
      unwrap(
        (await publicApi()).GET('/api/v1/studios/{studio}/catalog/items', {
          params: { path: { studio: slug }, query: { limit, ...(cursor ? { cursor } : {}) } },
        }),
      ),
    ),
);

export interface CatalogCount {
  total: number;
  byKind: Record<CatalogItemKind, number>;
  /** True when the count stopped at the cap, so `total` is a lower bound. */
  capped: boolean;
  items: CatalogItem[];
}

/** Counts the studio's published items by walking the pages (the list endpoint has no total). */
export const countCatalog = cache(async (slug: string): Promise<Outcome<CatalogCount>> => {
  const items: CatalogItem[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < COUNT_MAX_PAGES; page++) {
    const result = await listCatalog(slug, cursor, COUNT_PAGE_SIZE);
    if (!result.ok) return result;
    items.push(...result.value.items);
    if (!result.value.nextCursor) return { ok: true, value: summarise(items, false) };
    cursor = result.value.nextCursor;
  }
  return { ok: true, value: summarise(items, true) };
});

function summarise(items: CatalogItem[], capped: boolean): CatalogCount {
  const byKind: Record<CatalogItemKind, number> = { service: 0, package: 0, product: 0, digital: 0 };
  for (const item of items) byKind[item.kind] += 1;
  return { total: items.length, byKind, capped, items };
}

export type Plan = JsonBody<'listPlans', 200>['items'][number];

/** The plans a studio can be on, with their limits (public). */
export const listPlans = cache(
  async (): Promise<Outcome<Plan[]>> =>
    attempt(unwrap((await publicApi()).GET('/api/v1/plans')).then((answer) => answer.items)),
);
