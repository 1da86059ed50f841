import { type Static, Type } from 'typebox';
import { Page } from '../../platform/http/pagination.js';
import type { PLAN_IDS } from './studios.plans.js';
import type { STUDIO_ROLES } from './studios.policy.js';

export const SlugParam = Type.String({
  pattern: '^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$',
  description: 'The studio slug.',
});

/** The currencies a studio may sell in (ISO 4217). Prices are integer minor units of it. */
export const SUPPORTED_CURRENCIES = [
  'USD',
  'THB',
  'EUR',
  'GBP',
  'JPY',
  'SGD',
  'AUD',
  'CAD',
  'NZD',
  'HKD',
  'CHF',
  'MYR',
] as const;
export type SupportedCurrency = (typeof SUPPORTED_CURRENCIES)[number];

const CurrencySchema = Type.Enum(SUPPORTED_CURRENCIES, {
  description: 'ISO 4217 code every price of the studio is in.',
});
const LocaleSchema = Type.Union([Type.Literal('en'), Type.Literal('th')]);
export const PlanIdSchema = Type.Union(
  [Type.Literal('starter'), Type.Literal('professional'), Type.Literal('studio'), Type.Literal('enterprise')],
  { description: 'The subscription plan; see GET /api/v1/plans for its limits.' },
);
export const StudioRoleSchema = Type.Union(
  [Type.Literal('owner'), Type.Literal('admin'), Type.Literal('staff'), Type.Literal('moderator')],
  { description: 'owner > admin > staff > moderator (reviews and comments only)' },
);
// The schemas and the code's lists must name the same plans and roles.
const _plansMatch: [Static<typeof PlanIdSchema>] extends [(typeof PLAN_IDS)[number]] ? true : never = true;
const _rolesMatch: [Static<typeof StudioRoleSchema>] extends [(typeof STUDIO_ROLES)[number]] ? true : never =
  true;

const HexColor = Type.String({ pattern: '^#[0-9a-fA-F]{6}$' });
const ContactEmail = Type.String({ format: 'email', maxLength: 254 });
const ContactPhone = Type.String({ pattern: '^\\+?[0-9][0-9 ()-]{5,23}$' });
const Timezone = Type.String({
  minLength: 1,
  maxLength: 64,
  description: 'IANA time zone, e.g. Asia/Bangkok.',
});

export const StudioBrandSchema = Type.Object({
  primaryColor: HexColor,
  accentColor: HexColor,
  logoText: Type.String({ minLength: 1, maxLength: 3 }),
  logoUrl: Type.Union([Type.String(), Type.Null()]),
});

/** Brand as a person sends it: only web links for the logo, every part optional on a change. */
const BrandInputSchema = Type.Object(
  {
    primaryColor: Type.Optional(HexColor),
    accentColor: Type.Optional(HexColor),
    logoText: Type.Optional(Type.String({ minLength: 1, maxLength: 3 })),
    logoUrl: Type.Optional(
      Type.Union([Type.String({ pattern: '^https?://', maxLength: 2000 }), Type.Null()]),
    ),
  },
  { additionalProperties: false },
);

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
    plan: PlanIdSchema,
    contactEmail: Type.Union([Type.String(), Type.Null()]),
    contactPhone: Type.Union([Type.String(), Type.Null()]),
    requireStaffTwoFactor: Type.Boolean({
      description: 'Owners, admins and staff must sign in with two-factor authentication.',
    }),
  },
  { title: 'Studio' },
);
export type Studio = Static<typeof StudioSchema>;

export const NewStudioSchema = Type.Object(
  {
    slug: SlugParam,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    tagline: Type.Optional(Type.String({ maxLength: 200 })),
    currency: CurrencySchema,
    timezone: Timezone,
    locale: LocaleSchema,
    brand: Type.Optional(BrandInputSchema),
    plan: Type.Optional({
      ...PlanIdSchema,
      description:
        'The plan the owner wants. A studio always opens on starter (a paid plan is subscribed to on the ' +
        'billing page); a paid plan here comes back as `next.billing.requestedPlan`.',
    }),
    contactEmail: Type.Optional(ContactEmail),
    contactPhone: Type.Optional(ContactPhone),
    requireStaffTwoFactor: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type NewStudio = Static<typeof NewStudioSchema>;

/** The studio just opened, and what the owner should do next (subscribe to the plan they picked). */
export const CreatedStudioSchema = Type.Object(
  {
    ...StudioSchema.properties,
    next: Type.Optional(
      Type.Object({
        billing: Type.Object({
          requestedPlan: PlanIdSchema,
        }),
      }),
    ),
  },
  { title: 'CreatedStudio' },
);
export type CreatedStudio = Static<typeof CreatedStudioSchema>;

/** A change to a studio's settings. The slug (its URL) and currency (its prices) are fixed. */
export const StudioChangesSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
    tagline: Type.Optional(Type.String({ maxLength: 200 })),
    timezone: Type.Optional(Timezone),
    locale: Type.Optional(LocaleSchema),
    brand: Type.Optional(BrandInputSchema),
    plan: Type.Optional(PlanIdSchema),
    contactEmail: Type.Optional(Type.Union([ContactEmail, Type.Null()])),
    contactPhone: Type.Optional(Type.Union([ContactPhone, Type.Null()])),
    requireStaffTwoFactor: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type StudioChanges = Static<typeof StudioChangesSchema>;

export const PlanSchema = Type.Object(
  {
    id: PlanIdSchema,
    name: Type.String(),
    teamSeats: Type.Integer({ description: 'Members plus pending invitations, owners included.' }),
    catalogItems: Type.Integer({ description: 'Items in the catalog (archived ones do not count).' }),
    storageGb: Type.Integer(),
    galleryVisitorsPerMonth: Type.Integer(),
    transactionFeeBasisPoints: Type.Integer({ description: "Atelier's fee per payment; 100 = 1%." }),
    monthlyPriceMinor: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description:
        'What Atelier charges a month, in minor units of currency; null: agreed per studio (enterprise).',
    }),
    currency: Type.String({ description: 'ISO 4217 code of monthlyPriceMinor.' }),
  },
  { title: 'Plan' },
);

export const MemberSchema = Type.Object(
  {
    userId: Type.String({ format: 'uuid' }),
    name: Type.String(),
    email: Type.String(),
    role: StudioRoleSchema,
    joinedAt: Type.String({ format: 'date-time' }),
  },
  { title: 'StudioMember' },
);
export type Member = Static<typeof MemberSchema>;

export const SeatsSchema = Type.Object(
  {
    taken: Type.Integer({
      minimum: 0,
      description:
        'Members plus pending invitations (not accepted, withdrawn or expired): what an invitation is refused by.',
    }),
    allowed: Type.Integer({ minimum: 0, description: "The plan's team seats." }),
  },
  {
    title: 'TeamSeats',
    description:
      'An invitation is refused (422 teamSeats) while taken >= allowed; taken can exceed allowed after a move to a smaller plan.',
  },
);

export const MemberPageSchema = Type.Object(
  {
    ...Page(MemberSchema).properties,
    seats: SeatsSchema,
  },
  {
    title: 'StudioMemberPage',
    description: "A page of the team, with the plan's seats (for the whole team).",
  },
);
export type MemberPage = Static<typeof MemberPageSchema>;

export const MyStudioSchema = Type.Object(
  { studio: StudioSchema, role: StudioRoleSchema },
  { title: 'MyStudio' },
);
export type MyStudio = Static<typeof MyStudioSchema>;

export const NewInvitationSchema = Type.Object(
  {
    email: Type.String({ format: 'email', maxLength: 254 }),
    role: StudioRoleSchema,
  },
  { additionalProperties: false },
);
export type NewInvitation = Static<typeof NewInvitationSchema>;

export const InvitationSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    role: StudioRoleSchema,
    invitedBy: Type.String({ format: 'uuid' }),
    createdAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
    expired: Type.Boolean({ description: 'Past its expiry; invite the person again.' }),
  },
  { title: 'StudioInvitation' },
);
export type Invitation = Static<typeof InvitationSchema>;

export const ClientSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    email: Type.String(),
    name: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    userId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()], {
      description: 'The person behind the client, once they have an account; null for guests.',
    }),
    retiredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description:
        'When the record stopped answering for its address (its person moved to another address or ' +
        'deleted their account, or someone else proved the address since); null while it does. A ' +
        'retired record keeps its history; the next checkout with the address starts a new record.',
    }),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'StudioClient' },
);
export type Client = Static<typeof ClientSchema>;

export const ClientListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  q: Type.Optional(
    Type.String({ minLength: 1, maxLength: 200, description: 'A part of the name, email or phone.' }),
  ),
  retired: Type.Optional(
    Type.Boolean({
      description: 'true: only retired records; false: only live ones. Both when left out.',
    }),
  ),
});
export type ClientListQuery = Static<typeof ClientListQuery>;

export const ClientUpdate = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    phone: Type.Optional(
      Type.Union([Type.String({ maxLength: 40, pattern: '^[0-9+()./ -]*$' }), Type.Null()], {
        description: 'Digits, spaces and + ( ) . / -; null or empty clears it.',
      }),
    ),
  },
  { additionalProperties: false, description: 'What is left out stays as it is.' },
);

export interface ClientInput {
  email: string;
  name: string;
  phone?: string | null;
  /** Set when the client is a signed-in person; a guest has none. */
  userId?: string | null;
  /**
   * When the client was first seen, for orders recorded after the fact (a studio's past sales): the
   * record's "client since" goes back to the earliest such order. Defaults to now.
   */
  seenAt?: Date;
}
