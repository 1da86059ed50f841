import 'server-only';
import { type JsonBody, unwrap } from '@atelier/sdk';
import { headers } from 'next/headers';
import { cache } from 'react';
import { attempt, type Outcome } from '@/lib/outcome';
import { publicApi } from '@/lib/server-api';

// The storefront's reads of the public catalog API (apps/api/src/modules/catalog/catalog.schemas.ts).

export type CatalogList = JsonBody<'listCatalogItems', 200>;
export type ShopItem = CatalogList['items'][number];
export type Facets = NonNullable<CatalogList['facets']>;
export type ItemDetail = JsonBody<'getCatalogItem', 200>;
export type ShopVariant = ItemDetail['variants'][number];
export type ShopImage = ItemDetail['images'][number];
export type SearchResult = JsonBody<'searchCatalog', 200>;
export type CategoryNode = JsonBody<'listCatalogCategories', 200>['items'][number];
export type SitemapData = JsonBody<'getCatalogSitemap', 200>;
export type Kind = ShopItem['kind'];

export const KINDS: readonly Kind[] = ['service', 'package', 'product', 'digital'];
export const SORTS = ['relevance', 'newest', 'price_asc', 'price_desc', 'popularity'] as const;
export type Sort = (typeof SORTS)[number];

/** The filters a list page understands, as they appear in its URL (a GET form writes them). */
export interface ListFilters {
  q?: string;
  category?: string;
  brand: string[];
  kind: Kind[];
  tag: string[];
  minPrice?: number;
  maxPrice?: number;
  inStock: boolean;
  featured: boolean;
  onSale: boolean;
  sort?: Sort;
  cursor?: string;
}

type SearchParams = Record<string, string | string[] | undefined>;

const list = (value: string | string[] | undefined): string[] =>
  (Array.isArray(value) ? value : value ? [value] : [])
    .map((entry) => entry.trim())
    .filter(Boolean)
    .slice(0, 20);
const first = (value: string | string[] | undefined): string | undefined => list(value)[0];
const flag = (value: string | string[] | undefined) => ['1', 'true', 'on'].includes(first(value) ?? '');

/**
 * Reads filters from a page's search params. Prices in the URL are in major units as a shopper types
 * them ("1290"); `minorDigits` turns them into minor units for the API. Anything malformed is dropped
 * rather than sent on, so a hand-edited URL shows a page instead of an error.
 */
export function parseFilters(params: SearchParams, minorDigits: number): ListFilters {
  const price = (value: string | string[] | undefined) => {
    const text = first(value);
    if (!text) return undefined;
    const number = Number(text.replace(/[,\s]/g, ''));
    return Number.isFinite(number) && number >= 0 ? Math.round(number * 10 ** minorDigits) : undefined;
  };
  const sort = first(params.sort);
  const q = first(params.q)?.slice(0, 200);
  const minPrice = price(params.min);
  const maxPrice = price(params.max);
  const cursor = first(params.cursor);
  return {
    ...(q ? { q } : {}),
    brand: list(params.brand),
    kind: list(params.kind).filter((kind): kind is Kind => (KINDS as readonly string[]).includes(kind)),
    tag: list(params.tag),
    ...(minPrice !== undefined ? { minPrice } : {}),
    ...(maxPrice !== undefined ? { maxPrice } : {}),
    inStock: flag(params.inStock),
    featured: flag(params.featured),
    onSale: flag(params.onSale),
    ...(sort && (SORTS as readonly string[]).includes(sort) ? { sort: sort as Sort } : {}),
    ...(cursor ? { cursor: cursor.slice(0, 500) } : {}),
  };
}

/**
 * The page URL's params for filters (the inverse of parseFilters): for pagination links, the sort form's
 * hidden fields and "remove this filter" links. Prices go back to major units.
 */
export function filterParams(
  filters: ListFilters,
  digits: number,
  omit: readonly (keyof ListFilters)[] = [],
): [string, string][] {
  const skip = new Set<string>(omit);
  const pairs: [string, string][] = [];
  const major = (minor: number) => String(minor / 10 ** digits);
  if (filters.q && !skip.has('q')) pairs.push(['q', filters.q]);
  if (filters.category && !skip.has('category')) pairs.push(['category', filters.category]);
  if (!skip.has('brand')) for (const brand of filters.brand) pairs.push(['brand', brand]);
  if (!skip.has('kind')) for (const kind of filters.kind) pairs.push(['kind', kind]);
  if (!skip.has('tag')) for (const tag of filters.tag) pairs.push(['tag', tag]);
  if (filters.minPrice !== undefined && !skip.has('minPrice')) pairs.push(['min', major(filters.minPrice)]);
  if (filters.maxPrice !== undefined && !skip.has('maxPrice')) pairs.push(['max', major(filters.maxPrice)]);
  if (filters.inStock && !skip.has('inStock')) pairs.push(['inStock', '1']);
  if (filters.featured && !skip.has('featured')) pairs.push(['featured', '1']);
  if (filters.onSale && !skip.has('onSale')) pairs.push(['onSale', '1']);
  if (filters.sort && !skip.has('sort')) pairs.push(['sort', filters.sort]);
  if (filters.cursor && !skip.has('cursor')) pairs.push(['cursor', filters.cursor]);
  return pairs;
}

/** `path?params`, or just `path` when there are none. */
export function withParams(path: string, pairs: [string, string][]): string {
  const query = new URLSearchParams(pairs).toString();
  return query ? `${path}?${query}` : path;
}

/** Whether any filter narrows the list (search words and sort do not count). */
export function hasFilters(filters: ListFilters): boolean {
  return (
    filters.brand.length > 0 ||
    filters.kind.length > 0 ||
    filters.tag.length > 0 ||
    filters.minPrice !== undefined ||
    filters.maxPrice !== undefined ||
    filters.inStock ||
    filters.featured ||
    filters.onSale
  );
}

/** The API query of a list request. */
export function listQuery(filters: ListFilters, limit: number) {
  return {
    limit,
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.brand.length > 0 ? { brand: filters.brand } : {}),
    ...(filters.kind.length > 0 ? { kind: filters.kind } : {}),
    ...(filters.tag.length > 0 ? { tag: filters.tag } : {}),
    ...(filters.minPrice !== undefined ? { minPrice: filters.minPrice } : {}),
    ...(filters.maxPrice !== undefined ? { maxPrice: filters.maxPrice } : {}),
    ...(filters.inStock ? { inStock: true } : {}),
    ...(filters.featured ? { featured: true } : {}),
    ...(filters.onSale ? { onSale: true } : {}),
    ...(filters.sort ? { sort: filters.sort } : {}),
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
  };
}

const studioPath = (studio: string) => ({ path: { studio } });

export const listItems = cache(
  async (studio: string, filters: ListFilters, limit = 24): Promise<Outcome<CatalogList>> =>
    attempt(
      unwrap(
        (await publicApi()).GET('/api/v1/studios/{studio}/catalog/items', {
          params: { ...studioPath(studio), query: listQuery(filters, limit) },
        }),
      ),
    ),
);

export const getItem = cache(
  async (studio: string, slug: string): Promise<Outcome<ItemDetail>> =>
    attempt(
      unwrap(
        (await publicApi()).GET('/api/v1/studios/{studio}/catalog/items/{slug}', {
          params: { path: { studio, slug } },
        }),
      ),
    ),
);

export const searchCatalog = cache(
  async (studio: string, q: string, limit = 8): Promise<Outcome<SearchResult>> =>
    attempt(
      unwrap(
        (await publicApi()).GET('/api/v1/studios/{studio}/catalog/search', {
          params: { ...studioPath(studio), query: { q, limit } },
        }),
      ),
    ),
);

export const listCategories = cache(
  async (studio: string): Promise<Outcome<CategoryNode[]>> =>
    attempt(
      unwrap(
        (await publicApi()).GET('/api/v1/studios/{studio}/catalog/categories', {
          params: studioPath(studio),
        }),
      ).then((answer) => answer.items),
    ),
);

export const getSitemapData = async (studio: string): Promise<Outcome<SitemapData>> =>
  attempt(
    unwrap(
      (await publicApi()).GET('/api/v1/studios/{studio}/catalog/sitemap', { params: studioPath(studio) }),
    ),
  );

/** Ancestors first, then the category itself, from the depth-first tree. */
export function categoryChain(tree: readonly CategoryNode[], slug: string): CategoryNode[] {
  const byId = new Map(tree.map((node) => [node.id, node]));
  const chain: CategoryNode[] = [];
  let node = tree.find((candidate) => candidate.slug === slug);
  while (node && chain.length < 50) {
    chain.unshift(node);
    node = node.parentId ? byId.get(node.parentId) : undefined;
  }
  return chain;
}

/** The storefront path of a category: its ancestors' slugs and its own, `/studio/c/root/child/leaf`. */
export function categoryPath(studio: string, chain: readonly { slug: string }[]): string {
  return `/${studio}/c/${chain.map((node) => encodeURIComponent(node.slug)).join('/')}`;
}

export function itemPath(studio: string, slug: string): string {
  return `/${studio}/p/${encodeURIComponent(slug)}`;
}

// The storefront pages import these from here; they live with the rest of the money rules.
export { currencySymbol, minorDigits } from '@/lib/money';

/**
 * The origin people reach the site at, for canonical links, OpenGraph and the sitemap: PUBLIC_URL
 * when the process has it (the API serves this app in-process with its config), else the request's host.
 */
export async function siteOrigin(): Promise<string> {
  const configured = process.env.PUBLIC_URL;
  if (configured) return configured.replace(/\/+$/, '');
  const list = await headers();
  const host = list.get('x-forwarded-host') ?? list.get('host') ?? 'localhost';
  const proto =
    list.get('x-forwarded-proto') ??
    (host.startsWith('localhost') || host.startsWith('127.') ? 'http' : 'https');
  return `${proto}://${host}`;
}
