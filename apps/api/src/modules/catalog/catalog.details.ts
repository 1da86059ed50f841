import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import { AppError, type FieldError } from '../../platform/http/errors.js';
import type { CatalogItemKind } from './catalog.tables.js';

/**
 * The `details` of each kind of item and of its variants: the facts that only make sense for that kind
 * (a service tier's turnaround, a package's deposit rule, a product's datasheet, a digital product's
 * versions and licence). Stored as jsonb; checked here on every write (admin API, CSV import, demo).
 *
 * Every field is optional so a draft can be saved half-filled; what is given must be well-formed, and
 * unknown fields are refused so a typo ("turnaroundDay") is a 400 rather than silently lost.
 */

const strict = { additionalProperties: false } as const;
const Count = (description: string) => Type.Integer({ minimum: 0, maximum: 100_000, description });
const Line = (description: string) => Type.String({ minLength: 1, maxLength: 500, description });

// --- service: the facts of one tier (basic / pro / premium / custom) --------------------------------

const serviceTierFields = {
  turnaroundDays: Type.Optional(Count('Working days from receiving the client uploads to delivery.')),
  revisionsIncluded: Type.Optional(Count('Rounds of revisions included in the price.')),
  clientUploads: Type.Optional(
    Type.Array(Line('One thing the client must upload, e.g. "Stems as 24-bit WAV".'), { maxItems: 50 }),
  ),
  deliverables: Type.Optional(
    Type.Array(Line('One thing the studio delivers, e.g. "Master WAV + MP3".'), { maxItems: 50 }),
  ),
};

/** A service item's defaults for its tiers (each tier variant may say otherwise). */
export const ServiceDetailsSchema = Type.Object(serviceTierFields, {
  ...strict,
  title: 'ServiceDetails',
  description: 'Defaults shared by every tier of a service.',
});
/** One tier of a service (a variant): turnaround, revisions, what the client uploads, what is delivered. */
export const ServiceTierDetailsSchema = Type.Object(serviceTierFields, {
  ...strict,
  title: 'ServiceTierDetails',
  description: "One tier's facts (variant details of a service).",
});

// --- package: a photo session and the like ----------------------------------------------------------

export const DepositRuleSchema = Type.Object(
  {
    type: Type.Union([Type.Literal('none'), Type.Literal('fixed'), Type.Literal('percent')], {
      description: 'none: pay in full later; fixed: `value` minor units now; percent: `value` % now.',
    }),
    value: Type.Integer({ minimum: 0, maximum: 1_000_000_000_00, description: 'Minor units or percent.' }),
  },
  { ...strict, title: 'DepositRule' },
);
export type DepositRule = Static<typeof DepositRuleSchema>;

const packageFields = {
  durationMinutes: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100_000, description: 'Session length.' }),
  ),
  maxChildren: Type.Optional(Count('Most children in one session.')),
  outfitChanges: Type.Optional(Count('Outfit changes included.')),
  includedPhotos: Type.Optional(Count('Edited photos included.')),
  includedPrint: Type.Optional(
    Type.String({ maxLength: 500, description: 'The print included, in words ("One 20x30 cm print").' }),
  ),
  deposit: Type.Optional(DepositRuleSchema),
};

export const PackageDetailsSchema = Type.Object(packageFields, { ...strict, title: 'PackageDetails' });
/** A package variant may override any of the package's facts (e.g. a "family" size with more children). */
export const PackageVariantDetailsSchema = Type.Object(packageFields, {
  ...strict,
  title: 'PackageVariantDetails',
});

// --- product: datasheet --------------------------------------------------------------------------------

export const SpecSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'e.g. "Rated current"' }),
    value: Type.String({ minLength: 1, maxLength: 200, description: 'e.g. "16"' }),
    unit: Type.Optional(Type.String({ maxLength: 20, description: 'e.g. "A"' })),
  },
  { ...strict, title: 'Spec' },
);
const Specs = Type.Array(SpecSchema, { maxItems: 100, description: 'Datasheet fields.' });

export const ProductDetailsSchema = Type.Object(
  {
    specs: Type.Optional(Specs),
    unit: Type.Optional(
      Type.String({ minLength: 1, maxLength: 20, description: 'Sold per: "pcs", "m", "box".' }),
    ),
    packSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Units per pack.' })),
  },
  {
    ...strict,
    title: 'ProductDetails',
    description: 'The brand is the item column `brandId`, not a detail.',
  },
);
export const ProductVariantDetailsSchema = Type.Object(
  { specs: Type.Optional(Specs) },
  { ...strict, title: 'ProductVariantDetails', description: 'Specs that differ per variant.' },
);

// --- digital: versions and licence policy -----------------------------------------------------------

const Version = Type.String({ minLength: 1, maxLength: 50, description: 'e.g. "2.1.0"' });

export const LicencePolicySchema = Type.Object(
  {
    durationDays: Type.Union([Type.Integer({ minimum: 1, maximum: 36_500 }), Type.Null()], {
      description: 'Days a licence lasts; null means lifetime.',
    }),
    ipSlots: Type.Integer({ minimum: 0, maximum: 10_000, description: 'Machines (IPs) a licence may bind.' }),
  },
  { ...strict, title: 'LicencePolicy' },
);

export const DigitalDetailsSchema = Type.Object(
  {
    currentVersion: Type.Optional(Version),
    versions: Type.Optional(
      Type.Array(
        Type.Object(
          {
            version: Version,
            releasedAt: Type.String({ format: 'date', description: 'YYYY-MM-DD' }),
            changelog: Type.String({ maxLength: 10_000 }),
          },
          strict,
        ),
        { maxItems: 500, description: 'Newest first is conventional; order is kept as given.' },
      ),
    ),
    licence: Type.Optional(LicencePolicySchema),
  },
  { ...strict, title: 'DigitalDetails' },
);
/** A digital variant (e.g. "5 servers") may carry its own licence policy. */
export const DigitalVariantDetailsSchema = Type.Object(
  { licence: Type.Optional(LicencePolicySchema) },
  { ...strict, title: 'DigitalVariantDetails' },
);

export type ServiceDetails = Static<typeof ServiceDetailsSchema>;
export type ServiceTierDetails = Static<typeof ServiceTierDetailsSchema>;
export type PackageDetails = Static<typeof PackageDetailsSchema>;
export type ProductDetails = Static<typeof ProductDetailsSchema>;
export type DigitalDetails = Static<typeof DigitalDetailsSchema>;
export type LicencePolicy = Static<typeof LicencePolicySchema>;

export const ITEM_DETAILS_SCHEMAS: Record<CatalogItemKind, TSchema> = {
  service: ServiceDetailsSchema,
  package: PackageDetailsSchema,
  product: ProductDetailsSchema,
  digital: DigitalDetailsSchema,
};

export const VARIANT_DETAILS_SCHEMAS: Record<CatalogItemKind, TSchema> = {
  service: ServiceTierDetailsSchema,
  package: PackageVariantDetailsSchema,
  product: ProductVariantDetailsSchema,
  digital: DigitalVariantDetailsSchema,
};

/** "/licence/ipSlots" under "details" -> "details.licence.ipSlots"; "/versions/0" -> "details.versions[0]". */
function fieldPath(prefix: string, pointer: string, missing?: string): string {
  const segments = pointer.split('/').filter(Boolean);
  if (missing) segments.push(missing);
  return segments.reduce(
    (path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`),
    prefix,
  );
}

function schemaErrors(schema: TSchema, value: unknown, prefix: string): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const error of Value.Errors(schema, value)) {
    const params = error.params as { requiredProperties?: string[]; additionalProperties?: string[] };
    const missing = error.keyword === 'required' ? params.requiredProperties?.[0] : undefined;
    const extra = error.keyword === 'additionalProperties' ? params.additionalProperties?.[0] : undefined;
    const field = fieldPath(prefix, error.instancePath, missing ?? extra);
    // typebox reports an unknown field as "schema is false" on the field itself.
    const unknownField = extra !== undefined || error.message === 'schema is false';
    const message = unknownField ? 'is not a field of this kind' : missing ? 'is required' : error.message;
    // A union reports every branch; one message per field is enough for a person.
    if (seen.has(field)) continue;
    seen.add(field);
    errors.push({ field, message });
  }
  return errors;
}

/** Rules across fields that a schema cannot say. */
function ruleErrors(kind: CatalogItemKind, details: Record<string, unknown>, prefix: string): FieldError[] {
  const errors: FieldError[] = [];
  const deposit = details.deposit as DepositRule | undefined;
  if (kind === 'package' && deposit?.type === 'percent' && (deposit.value < 1 || deposit.value > 100))
    errors.push({ field: `${prefix}.deposit.value`, message: 'a percent deposit must be between 1 and 100' });
  if (kind === 'package' && deposit?.type === 'none' && deposit.value !== 0)
    errors.push({ field: `${prefix}.deposit.value`, message: 'must be 0 when there is no deposit' });
  if (kind === 'digital') {
    const versions = (details.versions as { version: string }[] | undefined) ?? [];
    const names = versions.map((v) => v.version);
    names.forEach((name, i) => {
      if (names.indexOf(name) !== i)
        errors.push({
          field: `${prefix}.versions[${i}].version`,
          message: `version ${name} is listed twice`,
        });
    });
    const current = details.currentVersion as string | undefined;
    if (current !== undefined && versions.length > 0 && !names.includes(current))
      errors.push({ field: `${prefix}.currentVersion`, message: 'must be one of the listed versions' });
  }
  return errors;
}

function check(
  schemas: Record<CatalogItemKind, TSchema>,
  kind: CatalogItemKind,
  details: unknown,
  prefix: string,
) {
  const schema = schemas[kind];
  const errors = schemaErrors(schema, details, prefix);
  if (errors.length > 0) return errors;
  return ruleErrors(kind, details as Record<string, unknown>, prefix);
}

/** Field errors (paths like `details.licence.ipSlots`) for an item's details of `kind`; [] when valid. */
export function validateItemDetails(
  kind: CatalogItemKind,
  details: unknown,
  prefix = 'details',
): FieldError[] {
  return check(ITEM_DETAILS_SCHEMAS, kind, details, prefix);
}

/** Field errors for a variant's details, e.g. prefix `variants[1].details`. */
export function validateVariantDetails(
  kind: CatalogItemKind,
  details: unknown,
  prefix: string,
): FieldError[] {
  return check(VARIANT_DETAILS_SCHEMAS, kind, details, prefix);
}

/** Throws 400 validation_failed listing every field error, when there are any. */
export function assertNoFieldErrors(errors: FieldError[]): void {
  const first = errors[0];
  if (first) throw new AppError('validation_failed', `${first.field} ${first.message}`, { fields: errors });
}
