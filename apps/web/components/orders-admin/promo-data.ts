import 'server-only';
import type { Outcome } from '@/lib/api';
import { readStudio } from './server-api';

export interface Choice {
  id: string;
  name: string;
}

/** The studio's categories as choices (path order), for a promo code's scope. */
export async function loadCategoryChoices(studio: string): Promise<Choice[]> {
  const items: Choice[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 10; page++) {
    const answer: Outcome<{ items: Choice[]; nextCursor?: string | null }> = await readStudio(
      studio,
      `/admin/catalog/categories?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    if (!answer.ok) break;
    items.push(...answer.value.items.map(({ id, name }) => ({ id, name })));
    cursor = answer.value.nextCursor ?? null;
    if (!cursor) break;
  }
  return items;
}

/** Names of the products a code already targets (each looked up; unknown ids keep their id). */
export async function loadProductChoices(studio: string, ids: string[]): Promise<Choice[]> {
  return Promise.all(
    ids.slice(0, 200).map(async (id) => {
      const answer = await readStudio<{ id: string; name: string }>(studio, `/admin/catalog/items/${id}`);
      return { id, name: answer.ok ? answer.value.name : id };
    }),
  );
}
