import type { FieldError } from '../../platform/http/errors.js';
import {
  CATALOG_ITEM_KINDS,
  CATALOG_ITEM_STATUSES,
  type CatalogItemKind,
  type CatalogItemStatus,
} from './catalog.tables.js';

/**
 * The product CSV, shared by import (catalog.import.ts) and export (catalog.export.ts) so a file that
 * was exported imports back unchanged. One row is one single-variant product, keyed by its SKU.
 * The columns are documented in README.md ("CSV import and export").
 */
export const CSV_COLUMNS = [
  'sku',
  'name',
  'slug',
  'kind',
  'status',
  'category',
  'brand',
  'price',
  'compare_at_price',
  'stock',
  'min_order_quantity',
  'unit',
  'pack_size',
  'weight_grams',
  'tags',
  'summary',
  'description',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** `spec:Rated current (A)` -> a datasheet field named "Rated current" with unit "A". */
export const SPEC_PREFIX = 'spec:';
const SPEC_HEADER = /^spec:\s*(.+?)\s*(?:\(([^()]{1,20})\))?\s*$/;

/** Separator of category levels ("Cables > Power cables > NYY") and of tags ("outdoor|ip65"). */
export const CATEGORY_SEPARATOR = '>';
export const TAG_SEPARATOR = '|';

export const MAX_PRICE_MINOR = 1_000_000_000_00;
const MAX_COUNT = 1_000_000_000;

/** A file's header: which known columns it has (by position) and its spec columns. */
export interface CsvHeader {
  columns: Map<CsvColumn, number>;
  specs: { index: number; name: string; unit: string | undefined }[];
}

/** Reads a header row; unknown or repeated columns are refused (a typo must not be silently dropped). */
export function parseHeader(cells: string[]): { header: CsvHeader } | { errors: FieldError[] } {
  const columns = new Map<CsvColumn, number>();
  const specs: CsvHeader['specs'] = [];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  cells.forEach((raw, index) => {
    const cell = raw.trim();
    const key = cell.toLowerCase();
    if (cell === '') return;
    if (seen.has(key)) errors.push({ field: `header.${cell}`, message: 'appears twice' });
    seen.add(key);
    if (key.startsWith(SPEC_PREFIX)) {
      const match = SPEC_HEADER.exec(cell);
      const name = match?.[1]?.slice(0, 100);
      if (!name)
        errors.push({ field: `header.${cell}`, message: 'a spec column needs a name: "spec:Voltage"' });
      else specs.push({ index, name, unit: match?.[2] });
      return;
    }
    if ((CSV_COLUMNS as readonly string[]).includes(key)) columns.set(key as CsvColumn, index);
    else
      errors.push({
        field: `header.${cell}`,
        message: `is not a column (known: ${CSV_COLUMNS.join(', ')}, spec:<Name>)`,
      });
  });
  if (!columns.has('sku')) errors.push({ field: 'header.sku', message: 'the sku column is required' });
  return errors.length > 0 ? { errors } : { header: { columns, specs } };
}

/**
 * One valid row. `undefined` means "the file has no such column": an update leaves that field as it is,
 * a new product takes the default. `null` means "the column is there and empty".
 */
export interface ProductRow {
  row: number;
  sku: string;
  name: string | undefined;
  slug: string | undefined;
  kind: CatalogItemKind | undefined;
  status: CatalogItemStatus | undefined;
  categoryPath: string[] | null | undefined;
  brand: string | null | undefined;
  priceMinor: number | undefined;
  compareAtMinor: number | null | undefined;
  /** null: stock not tracked (unlimited). */
  stock: number | null | undefined;
  minOrderQuantity: number | undefined;
  unit: string | null | undefined;
  packSize: number | null | undefined;
  weightGrams: number | null | undefined;
  tags: string[] | undefined;
  summary: string | undefined;
  /** Raw HTML from the file; the importer sanitises it. */
  description: string | undefined;
  specs: { name: string; value: string; unit?: string }[] | undefined;
}

export interface RejectedRow {
  row: number;
  field: string;
  message: string;
}

/** Digits after the decimal point of a currency's minor unit (USD, THB: 2; JPY: 0). */
export function currencyExponent(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    );
  } catch {
    return 2;
  }
}

/** "12.50" -> 1250 (exponent 2). Undefined when the text is not a plain non-negative decimal. */
export function parseMoney(text: string, exponent: number): number | undefined {
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, whole = '0', fraction = ''] = match;
  if (fraction.length > exponent) return undefined;
  const minor = Number(whole) * 10 ** exponent + Number(fraction.padEnd(exponent, '0') || '0');
  return Number.isSafeInteger(minor) && minor <= MAX_PRICE_MINOR ? minor : undefined;
}

/** 1250 -> "12.50" (exponent 2): exact, no floats. */
export function formatMoney(minor: number, exponent: number): string {
  if (exponent === 0) return String(minor);
  const digits = String(minor).padStart(exponent + 1, '0');
  return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;

/** "Circuit breaker 20 A, 1-pole" -> "circuit-breaker-20-a-1-pole" (Thai and other letters are kept out). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

type Cell = (column: CsvColumn) => string | undefined;

/**
 * Validates one data row. Returns the row, or the first problem (row number, column, message): the
 * report names one reason per rejected row, which is what a person fixes before re-importing.
 */
export function parseProductRow(
  cells: string[],
  row: number,
  header: CsvHeader,
  exponent: number,
): { product: ProductRow } | { rejected: RejectedRow } {
  const cell: Cell = (column) => {
    const index = header.columns.get(column);
    return index === undefined ? undefined : (cells[index] ?? '').trim();
  };
  const reject = (field: string, message: string) => ({ rejected: { row, field, message } });

  const sku = cell('sku') ?? '';
  if (sku === '') return reject('sku', 'is required');
  if (sku.length > 100) return reject('sku', 'must be at most 100 characters');

  const name = cell('name');
  if (name === '') return reject('name', 'is required');
  if (name !== undefined && name.length > 200) return reject('name', 'must be at most 200 characters');

  const slugText = cell('slug');
  if (slugText && !SLUG.test(slugText))
    return reject('slug', 'must be lower-case letters, digits and dashes (at most 100)');

  const kindText = cell('kind');
  if (kindText && !(CATALOG_ITEM_KINDS as readonly string[]).includes(kindText))
    return reject('kind', `must be one of ${CATALOG_ITEM_KINDS.join(', ')}`);
  const statusText = cell('status');
  if (statusText && !(CATALOG_ITEM_STATUSES as readonly string[]).includes(statusText))
    return reject('status', `must be one of ${CATALOG_ITEM_STATUSES.join(', ')}`);

  const categoryText = cell('category');
  const categoryPath =
    categoryText === undefined
      ? undefined
      : categoryText === ''
        ? null
        : categoryText.split(CATEGORY_SEPARATOR).map((part) => part.trim());
  if (categoryPath?.some((part) => part === '' || part.length > 100))
    return reject('category', 'each level of "A > B > C" must be 1-100 characters');
  if (categoryPath && categoryPath.length > 10) return reject('category', 'at most 10 levels');

  const brandText = cell('brand');
  if (brandText && brandText.length > 100) return reject('brand', 'must be at most 100 characters');

  const priceText = cell('price');
  let priceMinor: number | undefined;
  if (priceText !== undefined) {
    if (priceText === '') return reject('price', 'is required');
    priceMinor = parseMoney(priceText, exponent);
    if (priceMinor === undefined)
      return reject('price', `must be a non-negative amount with at most ${exponent} decimals, e.g. "12.50"`);
  }
  const compareText = cell('compare_at_price');
  let compareAtMinor: number | null | undefined = compareText === undefined ? undefined : null;
  if (compareText) {
    compareAtMinor = parseMoney(compareText, exponent);
    if (compareAtMinor === undefined)
      return reject('compare_at_price', `must be a non-negative amount with at most ${exponent} decimals`);
  }

  const whole = (column: CsvColumn, min: number): number | null | undefined | string => {
    const text = cell(column);
    if (text === undefined) return undefined;
    if (text === '') return null;
    if (!/^-?\d+$/.test(text)) return `must be a whole number`;
    const value = Number(text);
    if (value < min) return min === 0 ? 'must not be negative' : `must be at least ${min}`;
    if (value > MAX_COUNT) return 'is too large';
    return value;
  };
  const numbers: Record<
    'stock' | 'min_order_quantity' | 'pack_size' | 'weight_grams',
    number | null | undefined
  > = { stock: undefined, min_order_quantity: undefined, pack_size: undefined, weight_grams: undefined };
  for (const [column, min] of [
    ['stock', 0],
    ['min_order_quantity', 1],
    ['pack_size', 1],
    ['weight_grams', 0],
  ] as const) {
    const value = whole(column, min);
    if (typeof value === 'string') return reject(column, value);
    numbers[column] = value;
  }

  const unit = cell('unit');
  if (unit && unit.length > 20) return reject('unit', 'must be at most 20 characters');
  const tagsText = cell('tags');
  const tags =
    tagsText === undefined
      ? undefined
      : [
          ...new Set(
            tagsText
              .split(TAG_SEPARATOR)
              .map((tag) => tag.trim().toLowerCase())
              .filter(Boolean),
          ),
        ];
  if (tags?.some((tag) => tag.length > 50)) return reject('tags', 'each tag must be at most 50 characters');
  if (tags && tags.length > 50) return reject('tags', 'at most 50 tags');
  const summary = cell('summary');
  if (summary && summary.length > 2000) return reject('summary', 'must be at most 2000 characters');
  const description = cell('description');
  if (description && description.length > 100_000)
    return reject('description', 'must be at most 100,000 characters');

  let specs: ProductRow['specs'];
  if (header.specs.length > 0) {
    specs = [];
    for (const spec of header.specs) {
      const value = (cells[spec.index] ?? '').trim();
      if (value === '') continue;
      if (value.length > 200) return reject(`spec:${spec.name}`, 'must be at most 200 characters');
      specs.push(spec.unit ? { name: spec.name, value, unit: spec.unit } : { name: spec.name, value });
    }
  }

  return {
    product: {
      row,
      sku,
      name,
      slug: slugText || undefined,
      kind: (kindText || undefined) as CatalogItemKind | undefined,
      status: (statusText || undefined) as CatalogItemStatus | undefined,
      categoryPath,
      brand: brandText === undefined ? undefined : brandText || null,
      priceMinor,
      compareAtMinor,
      stock: numbers.stock,
      minOrderQuantity: numbers.min_order_quantity ?? undefined,
      unit: unit === undefined ? undefined : unit || null,
      packSize: numbers.pack_size,
      weightGrams: numbers.weight_grams,
      tags,
      summary,
      description,
      specs,
    },
  };
}

/** What an export row is made of (one variant of an item, with the item's shared fields). */
export interface ExportRow {
  sku: string | null;
  name: string;
  slug: string;
  kind: string;
  status: string;
  categoryPath: string[];
  brand: string | null;
  priceMinor: number;
  compareAtMinor: number | null;
  trackStock: boolean;
  stock: number;
  minOrderQuantity: number;
  unit: string | null;
  packSize: number | null;
  weightGrams: number | null;
  tags: string[];
  summary: string;
  descriptionHtml: string;
  specs: { name: string; value: string; unit?: string }[];
}

/** The header of an export: the fixed columns, then one spec column per spec name (and unit) in use. */
export function specHeader(spec: { name: string; unit?: string | undefined }): string {
  return `${SPEC_PREFIX}${spec.name}${spec.unit ? ` (${spec.unit})` : ''}`;
}

export function toCsvRecord(row: ExportRow, specColumns: string[], exponent: number): string[] {
  const specs = new Map(row.specs.map((spec) => [specHeader(spec), spec.value]));
  return [
    row.sku ?? '',
    row.name,
    row.slug,
    row.kind,
    row.status,
    row.categoryPath.join(` ${CATEGORY_SEPARATOR} `),
    row.brand ?? '',
    formatMoney(row.priceMinor, exponent),
    row.compareAtMinor === null ? '' : formatMoney(row.compareAtMinor, exponent),
    row.trackStock ? String(row.stock) : '',
    String(row.minOrderQuantity),
    row.unit ?? '',
    row.packSize === null ? '' : String(row.packSize),
    row.weightGrams === null ? '' : String(row.weightGrams),
    row.tags.join(TAG_SEPARATOR),
    row.summary,
    row.descriptionHtml,
    ...specColumns.map((column) => specs.get(column) ?? ''),
  ];
}
