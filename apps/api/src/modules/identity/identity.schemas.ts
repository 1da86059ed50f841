import { type Static, Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const MeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    email: Type.String(),
    emailVerified: Type.Boolean(),
    image: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    marketingConsent: Type.Boolean(),
    twoFactorEnabled: Type.Boolean(),
    platformRole: Type.Union([Type.Literal('user'), Type.Literal('admin')]),
  },
  { title: 'Me' },
);

export const UpdateMeSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    phone: Type.Optional(Nullable(Type.String({ minLength: 3, maxLength: 32, pattern: '^\\+?[0-9 ()-]+$' }))),
    marketingConsent: Type.Optional(Type.Boolean()),
    image: Type.Optional(
      Nullable(Type.String({ maxLength: 2000, pattern: '^https?://', description: 'An http(s) URL.' })),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateMe = Static<typeof UpdateMeSchema>;

export const SessionSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    device: Type.String({ description: 'e.g. "Firefox on macOS", from the user agent.' }),
    userAgent: Nullable(Type.String()),
    ip: Nullable(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    lastSeenAt: Type.String({ format: 'date-time', description: 'Refreshed about once a day.' }),
    expiresAt: Type.String({ format: 'date-time' }),
    current: Type.Boolean({ description: 'The session this request came with.' }),
  },
  { title: 'Session' },
);
export type Session = Static<typeof SessionSchema>;

export const DeleteMeSchema = Type.Object(
  {
    password: Type.Optional(
      Type.String({ minLength: 1, maxLength: 128, description: 'Needed unless you signed in minutes ago.' }),
    ),
  },
  { additionalProperties: false },
);
export type DeleteMe = Static<typeof DeleteMeSchema>;

export const AccountExportSchema = Type.Object(
  {
    exportedAt: Type.String({ format: 'date-time' }),
    profile: Type.Object({
      ...MeSchema.properties,
      createdAt: Type.String({ format: 'date-time' }),
    }),
    accounts: Type.Array(
      Type.Object({
        providerId: Type.String({ description: '`credential` (password), `discord`, `google`.' }),
        accountId: Type.String(),
        scope: Nullable(Type.String()),
        createdAt: Type.String({ format: 'date-time' }),
      }),
    ),
    sessions: Type.Array(SessionSchema),
    auditEntries: Type.Array(
      Type.Object({
        id: Type.String(),
        studioId: Nullable(Type.String()),
        action: Type.String(),
        actorKind: Type.String(),
        targetType: Nullable(Type.String()),
        targetId: Nullable(Type.String()),
        ip: Nullable(Type.String()),
        userAgent: Nullable(Type.String()),
        createdAt: Type.String({ format: 'date-time' }),
      }),
    ),
  },
  { title: 'AccountExport' },
);
export type AccountExport = Static<typeof AccountExportSchema>;

export const PlatformUserSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    name: Type.String(),
    email: Type.String(),
    emailVerified: Type.Boolean(),
    platformRole: Type.Union([Type.Literal('user'), Type.Literal('admin')]),
    twoFactorEnabled: Type.Boolean(),
    banned: Type.Boolean(),
    banReason: Nullable(Type.String()),
    banExpires: Nullable(Type.String({ format: 'date-time' })),
    deletedAt: Nullable(Type.String({ format: 'date-time' })),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'PlatformUser' },
);
export type PlatformUser = Static<typeof PlatformUserSchema>;

export const PlatformUserQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  search: Type.Optional(
    Type.String({ minLength: 1, maxLength: 254, description: 'Part of an email address.' }),
  ),
});
export type PlatformUserQuery = Static<typeof PlatformUserQuery>;

export const BanSchema = Type.Object(
  {
    reason: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
    expiresInSeconds: Type.Optional(
      Type.Integer({
        minimum: 60,
        maximum: 10 * 365 * 24 * 3600,
        description: 'Omit for a ban without end.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type Ban = Static<typeof BanSchema>;

export const AuthProvidersSchema = Type.Object(
  {
    emailPassword: Type.Boolean(),
    oauth: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Pass as `providerId` to POST /api/auth/sign-in/oauth2.' }),
        name: Type.String(),
      }),
    ),
  },
  { title: 'AuthProviders' },
);
