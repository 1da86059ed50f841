import type { AdminOption } from './types';

/** One row of the editor's variant grid: money and counts as the text typed, checked live. */
export interface VariantDraft {
  /** Stable React key; the API id once saved. */
  key: string;
  id?: string;
  optionValues: Record<string, string>;
  sku: string;
  price: string;
  compareAt: string;
  trackStock: boolean;
  stock: string;
  minOrderQuantity: string;
  active: boolean;
  details: Record<string, unknown>;
}

/** "A4 / Matte / Black" for {Size: A4, Material: Matte, Colour: Black} in the options' order. */
export function variantTitle(options: AdminOption[], values: Record<string, string>): string {
  return options
    .map((option) => values[option.name])
    .filter(Boolean)
    .join(' / ');
}

/** Every combination of the options' values, in the options' order (Size x Material x Colour). */
export function combinations(options: AdminOption[]): Record<string, string>[] {
  const axes = options.filter((option) => option.name.trim() && option.values.length > 0);
  let rows: Record<string, string>[] = [{}];
  for (const axis of axes) {
    rows = rows.flatMap((row) => axis.values.map((value) => ({ ...row, [axis.name]: value })));
  }
  return axes.length === 0 ? [] : rows;
}

function sameValues(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

function skuPart(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .slice(0, 6)
    .toUpperCase();
}

/** A SKU proposal for a combination: the base SKU and a short code of each value ("PRINT-A4-MATTE"). */
export function proposeSku(baseSku: string, values: Record<string, string>, options: AdminOption[]): string {
  const parts = options.map((option) => skuPart(values[option.name] ?? '')).filter(Boolean);
  return [baseSku.trim(), ...parts].filter(Boolean).join('-');
}

let keySeed = 0;
export function draftKey(): string {
  keySeed += 1;
  return `new-${keySeed}`;
}

/**
 * The grid for `options`: an existing row whose combination still exists keeps its SKU, price and
 * stock; new combinations start from `template` (the first row's price and stock), with a proposed
 * SKU; rows whose combination disappeared are dropped (the caller says how many).
 */
export function regenerateMatrix(
  options: AdminOption[],
  current: VariantDraft[],
  baseSku: string,
): { rows: VariantDraft[]; added: number; removed: number } {
  const wanted = combinations(options);
  const template = current[0];
  if (wanted.length === 0) {
    const only = template ?? blankVariant();
    return {
      rows: [{ ...only, optionValues: {} }],
      added: template ? 0 : 1,
      removed: Math.max(0, current.length - 1),
    };
  }
  let added = 0;
  const rows = wanted.map((values) => {
    const kept = current.find((row) => sameValues(row.optionValues, values));
    if (kept) return kept;
    added += 1;
    return {
      ...blankVariant(),
      optionValues: values,
      sku: proposeSku(baseSku, values, options),
      price: template?.price ?? '',
      compareAt: template?.compareAt ?? '',
      trackStock: template?.trackStock ?? false,
      minOrderQuantity: template?.minOrderQuantity ?? '1',
    };
  });
  const removed = current.filter(
    (row) => !wanted.some((values) => sameValues(row.optionValues, values)),
  ).length;
  return { rows, added, removed };
}

export function blankVariant(): VariantDraft {
  return {
    key: draftKey(),
    optionValues: {},
    sku: '',
    price: '',
    compareAt: '',
    trackStock: false,
    stock: '0',
    minOrderQuantity: '1',
    active: true,
    details: {},
  };
}

/** Whether a variant's option values are exactly one value of each of the options (nothing else). */
export function fitsOptions(options: AdminOption[], values: Record<string, string>): boolean {
  return (
    Object.keys(values).length === options.length &&
    options.every((option) => option.values.includes(values[option.name] ?? '\u0000'))
  );
}

/**
 * Puts a variant that is not on sale back on sale. An active row with the same combination gives way:
 * an unsaved one is dropped, a saved one goes off sale (two variants may not share a combination).
 */
export function reactivateVariant(rows: VariantDraft[], index: number): VariantDraft[] {
  const chosen = rows[index];
  if (!chosen) return rows;
  return rows.flatMap((row, i) => {
    if (i === index) return [{ ...row, active: true }];
    if (!row.active || !sameValues(row.optionValues, chosen.optionValues)) return [row];
    return row.id ? [{ ...row, active: false }] : [];
  });
}
