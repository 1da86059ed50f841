import { type Static, Type } from 'typebox';

export const SlugParam = Type.String({
  pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$',
  description: 'The studio slug.',
});

export const StudioBrandSchema = Type.Object({
  primaryColor: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
  accentColor: Type.String({ pattern: '^#[0-9a-fA-F]{6}$' }),
  logoText: Type.String({ minLength: 1, maxLength: 3 }),
  logoUrl: Type.Union([Type.String(), Type.Null()]),
});

export const StudioSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    slug: Type.String(),
    name: Type.String(),
    tagline: Type.String(),
    currency: Type.String({ description: 'ISO 4217 code every price of the studio is in.' }),
    timezone: Type.String({ description: 'IANA time zone; availability and dates are computed in it.' }),
    locale: Type.String(),
    brand: StudioBrandSchema,
  },
  { title: 'Studio' },
);
export type Studio = Static<typeof StudioSchema>;

export const NewStudioSchema = Type.Object({
  slug: SlugParam,
  name: Type.String({ minLength: 1, maxLength: 120 }),
  tagline: Type.Optional(Type.String({ maxLength: 200 })),
  currency: Type.String({ pattern: '^[A-Z]{3}$' }),
  timezone: Type.String({ minLength: 1, maxLength: 64 }),
  locale: Type.Union([Type.Literal('en'), Type.Literal('th')]),
  brand: StudioBrandSchema,
});
export type NewStudio = Static<typeof NewStudioSchema>;
