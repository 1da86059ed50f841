import { moneyText, parseMoney } from './money';
import type { AdminItem, AdminOption, ItemKind, ItemStatus } from './types';
import { blankVariant, draftKey, type VariantDraft } from './variant-matrix';

export interface SpecDraft {
  key: string;
  name: string;
  value: string;
  unit: string;
}

export interface VersionDraft {
  key: string;
  version: string;
  releasedAt: string;
  changelog: string;
}

/** The per-kind facts as the form holds them (numbers as typed text). */
export interface DetailsDraft {
  turnaroundDays: string;
  revisionsIncluded: string;
  clientUploads: string;
  deliverables: string;
  durationMinutes: string;
  maxChildren: string;
  outfitChanges: string;
  includedPhotos: string;
  includedPrint: string;
  depositType: 'none' | 'fixed' | 'percent';
  depositValue: string;
  specs: SpecDraft[];
  unit: string;
  packSize: string;
  currentVersion: string;
  versions: VersionDraft[];
  licenceLifetime: boolean;
  licenceDurationDays: string;
  ipSlots: string;
}

export interface OptionDraft {
  key: string;
  name: string;
  values: string[];
}

export interface ItemDraft {
  kind: ItemKind;
  name: string;
  slug: string;
  /** False until the admin edits the slug: it then follows the name. */
  slugEdited: boolean;
  summary: string;
  descriptionHtml: string;
  status: ItemStatus;
  categoryId: string;
  brandId: string;
  tags: string;
  featured: boolean;
  isNew: boolean;
  seoTitle: string;
  seoDescription: string;
  details: DetailsDraft;
  options: OptionDraft[];
  variants: VariantDraft[];
}

/** The message key of a rule a field breaks (translated under CatalogAdmin.validation). */
export type Rule =
  | 'required'
  | 'slug'
  | 'money'
  | 'count'
  | 'positive'
  | 'duplicateSku'
  | 'compareAtBelow'
  | 'duplicateOption'
  | 'noValues'
  | 'duplicateVersion'
  | 'unknownVersion'
  | 'percent'
  | 'date'
  | 'tooLong'
  | 'oneOnSale';

export type DraftErrors = Record<string, Rule>;

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,98}[a-z0-9])?$/;
const COUNT = /^\d{1,6}$/;

/** "Fine Art Print — A4!" -> "fine-art-print-a4"; Thai and other letters are dropped, so it may be "". */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100)
    .replace(/-+$/g, '');
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const lines = (value: unknown) => (Array.isArray(value) ? value.map(String).join('\n') : '');

export function emptyDetails(): DetailsDraft {
  return {
    turnaroundDays: '',
    revisionsIncluded: '',
    clientUploads: '',
    deliverables: '',
    durationMinutes: '',
    maxChildren: '',
    outfitChanges: '',
    includedPhotos: '',
    includedPrint: '',
    depositType: 'none',
    depositValue: '0',
    specs: [],
    unit: '',
    packSize: '',
    currentVersion: '',
    versions: [],
    licenceLifetime: true,
    licenceDurationDays: '',
    ipSlots: '',
  };
}

export function newDraft(kind: ItemKind): ItemDraft {
  const variant = blankVariant();
  return {
    kind,
    name: '',
    slug: '',
    slugEdited: false,
    summary: '',
    descriptionHtml: '',
    status: 'draft',
    categoryId: '',
    brandId: '',
    tags: '',
    featured: false,
    isNew: false,
    seoTitle: '',
    seoDescription: '',
    details: emptyDetails(),
    options: [],
    // Services and digital goods are not counted stock; products usually are.
    variants: [{ ...variant, trackStock: kind === 'product' }],
  };
}

function detailsDraft(details: Record<string, unknown>): DetailsDraft {
  const deposit = details.deposit as { type?: 'none' | 'fixed' | 'percent'; value?: number } | undefined;
  const licence = details.licence as { durationDays?: number | null; ipSlots?: number } | undefined;
  return {
    ...emptyDetails(),
    turnaroundDays: text(details.turnaroundDays),
    revisionsIncluded: text(details.revisionsIncluded),
    clientUploads: lines(details.clientUploads),
    deliverables: lines(details.deliverables),
    durationMinutes: text(details.durationMinutes),
    maxChildren: text(details.maxChildren),
    outfitChanges: text(details.outfitChanges),
    includedPhotos: text(details.includedPhotos),
    includedPrint: text(details.includedPrint),
    depositType: deposit?.type ?? 'none',
    depositValue: text(deposit?.value ?? 0),
    specs: ((details.specs as { name: string; value: string; unit?: string }[] | undefined) ?? []).map(
      (spec) => ({
        key: draftKey(),
        name: spec.name,
        value: spec.value,
        unit: spec.unit ?? '',
      }),
    ),
    unit: text(details.unit),
    packSize: text(details.packSize),
    currentVersion: text(details.currentVersion),
    versions: (
      (details.versions as { version: string; releasedAt: string; changelog: string }[] | undefined) ?? []
    ).map((version) => ({ key: draftKey(), ...version })),
    licenceLifetime: licence ? licence.durationDays === null || licence.durationDays === undefined : true,
    licenceDurationDays: text(licence?.durationDays ?? ''),
    ipSlots: text(licence?.ipSlots ?? ''),
  };
}

/** The editor's draft of a saved item. */
export function draftFromItem(item: AdminItem): ItemDraft {
  return {
    kind: item.kind,
    name: item.name,
    slug: item.slug,
    slugEdited: true,
    summary: item.summary ?? '',
    descriptionHtml: item.descriptionHtml ?? '',
    status: item.status,
    categoryId: item.categoryId ?? '',
    brandId: item.brandId ?? '',
    tags: (item.tags ?? []).join(', '),
    featured: item.featured,
    isNew: item.isNew,
    seoTitle: item.seoTitle ?? '',
    seoDescription: item.seoDescription ?? '',
    details: detailsDraft(item.details ?? {}),
    options: (item.options ?? []).map((option) => ({
      key: draftKey(),
      name: option.name,
      values: option.values,
    })),
    variants: (item.variants ?? []).map((variant) => ({
      key: variant.id ?? draftKey(),
      ...(variant.id ? { id: variant.id } : {}),
      optionValues: variant.optionValues ?? {},
      sku: variant.sku ?? '',
      price: moneyText(variant.priceMinor, item.currency),
      compareAt: moneyText(variant.compareAtMinor, item.currency),
      trackStock: variant.trackStock,
      stock: String(variant.stock ?? 0),
      minOrderQuantity: String(variant.minOrderQuantity ?? 1),
      active: variant.active ?? true,
      details: variant.details ?? {},
    })),
  };
}

export function optionsOf(draft: ItemDraft): AdminOption[] {
  return draft.options.map((option) => ({ name: option.name.trim(), values: option.values }));
}

function countRule(value: string, { required = false, positive = false } = {}): Rule | undefined {
  if (value.trim() === '') return required ? 'required' : undefined;
  if (!COUNT.test(value.trim())) return 'count';
  if (positive && Number(value) < 1) return 'positive';
  return undefined;
}

/**
 * The rules the API enforces, checked as the admin types, keyed by the path the API would name
 * (`variants[2].sku`, `details.licence.ipSlots`), so live and server errors land on the same input.
 */
export function validateDraft(draft: ItemDraft, currency: string): DraftErrors {
  const errors: DraftErrors = {};
  const set = (path: string, rule: Rule | undefined) => {
    if (rule && !errors[path]) errors[path] = rule;
  };
  if (!draft.name.trim()) set('name', 'required');
  else if (draft.name.length > 200) set('name', 'tooLong');
  // Left empty, the API makes the slug from the name.
  if (draft.slug && !SLUG_PATTERN.test(draft.slug)) set('slug', 'slug');
  // Search engines cut at about 70 and 160 characters (the hint counts down); the API's limits are these.
  if (draft.seoTitle.length > 200) set('seoTitle', 'tooLong');
  if (draft.seoDescription.length > 500) set('seoDescription', 'tooLong');
  if (draft.summary.length > 2000) set('summary', 'tooLong');
  draft.tags
    .split(',')
    .map((tag) => tag.trim())
    .forEach((tag) => {
      if (tag.length > 50) set('tags', 'tooLong');
    });

  const d = draft.details;
  if (draft.kind === 'service') {
    set('details.turnaroundDays', countRule(d.turnaroundDays));
    set('details.revisionsIncluded', countRule(d.revisionsIncluded));
  }
  if (draft.kind === 'package') {
    set('details.durationMinutes', countRule(d.durationMinutes, { positive: true }));
    set('details.maxChildren', countRule(d.maxChildren));
    set('details.outfitChanges', countRule(d.outfitChanges));
    set('details.includedPhotos', countRule(d.includedPhotos));
    if (d.depositType === 'percent') {
      const rule = countRule(d.depositValue, { required: true });
      set(
        'details.deposit.value',
        rule ?? (Number(d.depositValue) < 1 || Number(d.depositValue) > 100 ? 'percent' : undefined),
      );
    }
    if (d.depositType === 'fixed') {
      const minor = parseMoney(d.depositValue, currency);
      set('details.deposit.value', minor === null ? 'required' : Number.isNaN(minor) ? 'money' : undefined);
    }
  }
  if (draft.kind === 'product') {
    set('details.packSize', countRule(d.packSize, { positive: true }));
    d.specs.forEach((spec, i) => {
      if (!spec.name.trim()) set(`details.specs[${i}].name`, 'required');
      if (!spec.value.trim()) set(`details.specs[${i}].value`, 'required');
    });
  }
  if (draft.kind === 'digital') {
    const names = d.versions.map((version) => version.version.trim());
    d.versions.forEach((version, i) => {
      if (!version.version.trim()) set(`details.versions[${i}].version`, 'required');
      else if (names.indexOf(version.version.trim()) !== i)
        set(`details.versions[${i}].version`, 'duplicateVersion');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(version.releasedAt)) set(`details.versions[${i}].releasedAt`, 'date');
    });
    if (d.currentVersion.trim() && names.length > 0 && !names.includes(d.currentVersion.trim()))
      set('details.currentVersion', 'unknownVersion');
    if (!d.licenceLifetime)
      set(
        'details.licence.durationDays',
        countRule(d.licenceDurationDays, { required: true, positive: true }),
      );
    if (d.ipSlots.trim() || !d.licenceLifetime)
      set('details.licence.ipSlots', countRule(d.ipSlots, { required: true }));
  }

  const optionNames = draft.options.map((option) => option.name.trim().toLowerCase());
  draft.options.forEach((option, i) => {
    if (!option.name.trim()) set(`options[${i}].name`, 'required');
    else if (optionNames.indexOf(option.name.trim().toLowerCase()) !== i)
      set(`options[${i}].name`, 'duplicateOption');
    if (option.values.length === 0) set(`options[${i}].values`, 'noValues');
  });

  // Only variants on sale are saved (the rest stay retired on the server, read-only here), but a
  // retired variant keeps its SKU: no variant on sale may take it.
  const skus = draft.variants.map((variant) => variant.sku.trim().toLowerCase());
  if (!draft.variants.some((variant) => variant.active)) set('variants', 'oneOnSale');
  draft.variants.forEach((variant, i) => {
    if (!variant.active) return;
    const price = parseMoney(variant.price, currency);
    set(`variants[${i}].priceMinor`, price === null ? 'required' : Number.isNaN(price) ? 'money' : undefined);
    const compareAt = parseMoney(variant.compareAt, currency);
    if (compareAt !== null) {
      if (Number.isNaN(compareAt)) set(`variants[${i}].compareAtMinor`, 'money');
      else if (price !== null && !Number.isNaN(price) && compareAt <= price)
        set(`variants[${i}].compareAtMinor`, 'compareAtBelow');
    }
    const sku = variant.sku.trim().toLowerCase();
    // Two rows on sale: the later one is flagged. A saved row off sale keeps its SKU: flag the row on sale.
    const taken = draft.variants.some(
      (other, j) => j !== i && skus[j] === sku && (other.active ? j < i : Boolean(other.id)),
    );
    if (sku && taken) set(`variants[${i}].sku`, 'duplicateSku');
    if (variant.trackStock) set(`variants[${i}].stock`, countRule(variant.stock, { required: true }));
    set(
      `variants[${i}].minOrderQuantity`,
      countRule(variant.minOrderQuantity, { required: true, positive: true }),
    );
    if (draft.kind === 'service') {
      set(`variants[${i}].details.turnaroundDays`, countRule(text(variant.details.turnaroundDays)));
      set(`variants[${i}].details.revisionsIncluded`, countRule(text(variant.details.revisionsIncluded)));
    }
  });
  return errors;
}

const optionalCount = (value: string) => (value.trim() === '' ? undefined : Number(value));
const listLines = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function detailsBody(draft: ItemDraft, currency: string): Record<string, unknown> {
  const d = draft.details;
  const body: Record<string, unknown> = {};
  const put = (key: string, value: unknown) => {
    if (value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))
      body[key] = value;
  };
  if (draft.kind === 'service') {
    put('turnaroundDays', optionalCount(d.turnaroundDays));
    put('revisionsIncluded', optionalCount(d.revisionsIncluded));
    put('clientUploads', listLines(d.clientUploads));
    put('deliverables', listLines(d.deliverables));
  }
  if (draft.kind === 'package') {
    put('durationMinutes', optionalCount(d.durationMinutes));
    put('maxChildren', optionalCount(d.maxChildren));
    put('outfitChanges', optionalCount(d.outfitChanges));
    put('includedPhotos', optionalCount(d.includedPhotos));
    put('includedPrint', d.includedPrint.trim());
    const value =
      d.depositType === 'fixed'
        ? (parseMoney(d.depositValue, currency) ?? 0)
        : d.depositType === 'percent'
          ? Number(d.depositValue)
          : 0;
    put('deposit', { type: d.depositType, value });
  }
  if (draft.kind === 'product') {
    put(
      'specs',
      d.specs.map((spec) => ({
        name: spec.name.trim(),
        value: spec.value.trim(),
        ...(spec.unit.trim() ? { unit: spec.unit.trim() } : {}),
      })),
    );
    put('unit', d.unit.trim());
    put('packSize', optionalCount(d.packSize));
  }
  if (draft.kind === 'digital') {
    put('currentVersion', d.currentVersion.trim());
    put(
      'versions',
      d.versions.map((version) => ({
        version: version.version.trim(),
        releasedAt: version.releasedAt,
        changelog: version.changelog,
      })),
    );
    if (d.ipSlots.trim() || !d.licenceLifetime)
      put('licence', {
        durationDays: d.licenceLifetime ? null : Number(d.licenceDurationDays),
        ipSlots: Number(d.ipSlots || 0),
      });
  }
  return body;
}

function variantDetails(kind: ItemKind, details: Record<string, unknown>): Record<string, unknown> {
  if (kind !== 'service') return details;
  const body: Record<string, unknown> = { ...details };
  for (const key of ['turnaroundDays', 'revisionsIncluded']) {
    const value = text(body[key]).trim();
    if (value === '') delete body[key];
    else body[key] = Number(value);
  }
  return body;
}

/** The item's own fields: the PATCH body, and with `kind`, options and variants the create body. */
export function itemFieldsBody(draft: ItemDraft, currency: string) {
  const tags = [
    ...new Set(
      draft.tags
        .split(',')
        .map((tag) => tag.trim())
        .filter(Boolean),
    ),
  ];
  return {
    name: draft.name.trim(),
    ...(draft.slug ? { slug: draft.slug } : {}),
    summary: draft.summary,
    descriptionHtml: draft.descriptionHtml,
    status: draft.status,
    categoryId: draft.categoryId || null,
    brandId: draft.brandId || null,
    tags,
    featured: draft.featured,
    isNew: draft.isNew,
    seoTitle: draft.seoTitle.trim() || null,
    seoDescription: draft.seoDescription.trim() || null,
    details: detailsBody(draft, currency),
  };
}

/**
 * Where each sent variant sits in the draft: `variants[k]` of the body is row `sentVariantRows(draft)[k]`
 * of the grid (only variants on sale are sent).
 */
export function sentVariantRows(draft: ItemDraft): number[] {
  return draft.variants.flatMap((variant, i) => (variant.active ? [i] : []));
}

/** The API's `variants[k]...` field paths, moved to the grid rows they are about. */
export function toGridPaths(fields: Record<string, string>, rows: number[]): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([path, message]) => [
      path.replace(/^variants\[(\d+)\]/, (whole, k: string) =>
        rows[Number(k)] === undefined ? whole : `variants[${rows[Number(k)]}]`,
      ),
      message,
    ]),
  );
}

/**
 * Options and variants as PUT .../variants takes them: the full set of variants on sale. Saved variants
 * left out (taken off sale, or dropped by regenerating) are retired by the API, kept for past orders.
 */
export function variantsBody(draft: ItemDraft, currency: string) {
  return {
    options: optionsOf(draft),
    variants: draft.variants
      .filter((variant) => variant.active)
      .map((variant) => ({
        ...(variant.id ? { id: variant.id } : {}),
        sku: variant.sku.trim() || null,
        optionValues: variant.optionValues,
        priceMinor: parseMoney(variant.price, currency) ?? 0,
        // Left out rather than null: the API's schema coerces a null compare-at to 0 (reported).
        ...(parseMoney(variant.compareAt, currency) === null
          ? {}
          : { compareAtMinor: parseMoney(variant.compareAt, currency) }),
        trackStock: variant.trackStock,
        stock: variant.trackStock ? Number(variant.stock || 0) : 0,
        minOrderQuantity: Number(variant.minOrderQuantity || 1),
        details: variantDetails(draft.kind, variant.details),
      })),
  };
}
