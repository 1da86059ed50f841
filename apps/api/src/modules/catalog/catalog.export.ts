import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/index.js';
import { CSV_COLUMNS, currencyExponent, type ExportRow, specHeader, toCsvRecord } from './catalog.csv.js';

/**
 * The catalog as the CSV that catalog.import.ts reads (same columns), streamed: items are read a page
 * at a time (keyset on item id) and written as they come, so a large catalog never sits in memory.
 * One row per variant; an item's shared fields repeat on each of its variants' rows.
 */

const PAGE_SIZE = 1000;

interface VariantRow {
  item_id: string;
  sku: string | null;
  name: string;
  slug: string;
  kind: string;
  status: string;
  category_id: string | null;
  brand: string | null;
  price_minor: number | string;
  compare_at_minor: number | string | null;
  track_stock: boolean;
  stock: number;
  min_order_quantity: number;
  weight_grams: number | null;
  tags: string[];
  summary: string;
  description_html: string;
  details: Record<string, unknown>;
}

type Spec = { name: string; value: string; unit?: string };

async function rows<T>(tx: Tx, query: ReturnType<typeof sql>): Promise<T[]> {
  return ((await tx.execute(query)) as unknown as { rows: T[] }).rows;
}

/** Category id -> names from the root ("Cables", "Power cables", "NYY"). */
async function categoryNames(tx: Tx, studioId: string): Promise<Map<string, string[]>> {
  const all = await rows<{ id: string; parent_id: string | null; name: string }>(
    tx,
    sql`select id, parent_id, name from catalog_categories where studio_id = ${studioId}`,
  );
  const byId = new Map(all.map((row) => [row.id, row]));
  const names = new Map<string, string[]>();
  const resolve = (id: string, guard = 0): string[] => {
    const known = names.get(id);
    if (known) return known;
    const row = byId.get(id);
    if (!row || guard > 20) return [];
    const path = [...(row.parent_id ? resolve(row.parent_id, guard + 1) : []), row.name];
    names.set(id, path);
    return path;
  };
  for (const row of all) resolve(row.id);
  return names;
}

/** The CSV of a studio's catalog, as a stream of text. */
export function exportCatalogCsv(database: Database, studioId: string, currency: string): Readable {
  const exponent = currencyExponent(currency);

  async function* records(): AsyncGenerator<string[]> {
    const { specColumns, categories } = await database.withStudio(studioId, async (tx) => {
      const specs = await rows<{ name: string; unit: string | null }>(
        tx,
        sql`select distinct spec->>'name' as name, spec->>'unit' as unit
          from catalog_items i, jsonb_array_elements(
            case when jsonb_typeof(i.details->'specs') = 'array' then i.details->'specs' else '[]'::jsonb end
          ) spec
          where i.studio_id = ${studioId} order by 1, 2`,
      );
      return {
        specColumns: [
          ...new Set(specs.map((spec) => specHeader({ name: spec.name, unit: spec.unit ?? undefined }))),
        ],
        categories: await categoryNames(tx, studioId),
      };
    });
    yield [...CSV_COLUMNS, ...specColumns];

    let after: string | null = null;
    for (;;) {
      const page: VariantRow[] = await database.withStudio(studioId, (tx) =>
        rows<VariantRow>(
          tx,
          sql`with page as (
              select * from catalog_items
              where studio_id = ${studioId} ${after ? sql`and id > ${after}` : sql``}
              order by id limit ${PAGE_SIZE}
            )
            select i.id as item_id, v.sku, i.name, i.slug, i.kind, i.status, i.category_id, b.name as brand,
              v.price_minor, v.compare_at_minor, v.track_stock, v.stock, v.min_order_quantity, v.weight_grams,
              i.tags, i.summary, i.description_html, i.details
            from page i
            -- Variants on sale only: a row means "sell this" to the import, so a retired one re-imported
            -- would come back on sale.
            join catalog_variants v on v.item_id = i.id and v.active
            left join catalog_brands b on b.id = i.brand_id
            order by i.id, v.position, v.id`,
        ),
      );
      if (page.length === 0) return;
      for (const row of page) {
        const details = row.details ?? {};
        const exportRow: ExportRow = {
          sku: row.sku,
          name: row.name,
          slug: row.slug,
          kind: row.kind,
          status: row.status,
          categoryPath: row.category_id ? (categories.get(row.category_id) ?? []) : [],
          brand: row.brand,
          priceMinor: Number(row.price_minor),
          compareAtMinor: row.compare_at_minor === null ? null : Number(row.compare_at_minor),
          trackStock: row.track_stock,
          stock: row.stock,
          minOrderQuantity: row.min_order_quantity,
          unit: typeof details.unit === 'string' ? details.unit : null,
          packSize: typeof details.packSize === 'number' ? details.packSize : null,
          weightGrams: row.weight_grams,
          tags: row.tags ?? [],
          summary: row.summary,
          descriptionHtml: row.description_html,
          specs: Array.isArray(details.specs) ? (details.specs as Spec[]) : [],
        };
        yield toCsvRecord(exportRow, specColumns, exponent);
      }
      after = page.at(-1)?.item_id ?? null;
    }
  }

  return Readable.from(records()).pipe(stringify());
}
