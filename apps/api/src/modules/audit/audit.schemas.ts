import { type Static, Type } from 'typebox';

export const AuditEventSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    studioId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    actorUserId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
    actorKind: Type.String(),
    action: Type.String(),
    targetType: Type.Union([Type.String(), Type.Null()]),
    targetId: Type.Union([Type.String(), Type.Null()]),
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
    data: Type.Record(Type.String(), Type.Unknown()),
    createdAt: Type.String({ format: 'date-time' }),
  },
  { title: 'AuditEvent' },
);
export type AuditEvent = Static<typeof AuditEventSchema>;

export const AuditListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  action: Type.Optional(
    Type.String({
      maxLength: 100,
      pattern: '^[a-z0-9_.]+\\*?$',
      description: 'An exact action, or a prefix ending in * (e.g. `auth.*`).',
    }),
  ),
  actor: Type.Optional(Type.String({ format: 'uuid', description: 'Only entries by this user id.' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'Entries at or after this time.' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'Entries before this time.' })),
});
export type AuditListQuery = Static<typeof AuditListQuery>;
