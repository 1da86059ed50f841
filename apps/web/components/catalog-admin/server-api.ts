import 'server-only';
import type { Outcome } from '@/lib/api';
import { getAsSession } from '@/lib/session';
import { catalogAdminPath } from './paths';

/** A GET of an admin catalog route as the signed-in member, for server components. */
export function readCatalogAdmin<T>(studio: string, rest: string): Promise<Outcome<T>> {
  return getAsSession<T>(catalogAdminPath(studio, rest));
}

/** Walks a cursor-paginated admin list (categories, brands) up to `max` rows. */
export async function readAllPages<T>(studio: string, rest: string, max = 2000): Promise<Outcome<T[]>> {
  const items: T[] = [];
  let cursor: string | null = null;
  const joiner = rest.includes('?') ? '&' : '?';
  do {
    const page: Outcome<{ items: T[]; nextCursor?: string | null }> = await readCatalogAdmin(
      studio,
      `${rest}${joiner}limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (!page.ok) return page;
    items.push(...page.value.items);
    cursor = page.value.nextCursor ?? null;
  } while (cursor && items.length < max);
  return { ok: true, value: items };
}
