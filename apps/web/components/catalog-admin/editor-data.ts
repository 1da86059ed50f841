import 'server-only';
import type { Outcome } from '@/lib/api';
import { categoryChoices } from './category-tree-model';
import { readCatalogAdmin } from './server-api';
import type { AdminBrand, AdminCategory } from './types';

/** The categories (as breadcrumbs) and brands an item can be filed under. */
export async function loadEditorChoices(
  studio: string,
): Promise<Outcome<{ categories: { id: string; label: string }[]; brands: AdminBrand[] }>> {
  const [categories, brands] = await Promise.all([
    readCatalogAdmin<{ items: AdminCategory[] }>(studio, '/categories'),
    readCatalogAdmin<{ items: AdminBrand[] }>(studio, '/brands'),
  ]);
  if (!categories.ok) return categories;
  if (!brands.ok) return brands;
  return {
    ok: true,
    value: { categories: categoryChoices(categories.value.items), brands: brands.value.items },
  };
}
