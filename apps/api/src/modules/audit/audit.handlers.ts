import type { EventHandler } from '../../platform/events/index.js';
import { recordAudit } from './audit.service.js';

/**
 * Studio events worth an audit entry. The studios module emits them (membership, invitations, staff
 * edits of a client's details); the entry is written in the studio's RLS scope by the event bus,
 * deduplicated by its receipts.
 */
export const AUDITED_STUDIO_EVENTS = [
  'studios.member.added',
  'studios.member.removed',
  'studios.member.role_changed',
  'studios.invitation.created',
  'studios.invitation.revoked',
  'studios.client.updated',
] as const;

interface StudioEventPayload {
  actorUserId?: unknown;
  userId?: unknown;
  memberId?: unknown;
  invitationId?: unknown;
  clientId?: unknown;
}

const asString = (value: unknown) => (typeof value === 'string' ? value : undefined);

function target(type: string, payload: StudioEventPayload) {
  const invitationId = asString(payload.invitationId);
  if (type.startsWith('studios.invitation.') && invitationId) return { type: 'invitation', id: invitationId };
  const clientId = asString(payload.clientId);
  if (type.startsWith('studios.client.') && clientId) return { type: 'client', id: clientId };
  const userId = asString(payload.userId) ?? asString(payload.memberId);
  return userId ? { type: 'user', id: userId } : undefined;
}

export const auditEventHandlers: EventHandler[] = AUDITED_STUDIO_EVENTS.map((eventType) => ({
  // Durable name: renaming it would replay old events to the new name.
  name: `audit.record.${eventType}`,
  eventType,
  async handle(event, tx) {
    const payload = (event.payload ?? {}) as StudioEventPayload;
    const actorUserId = asString(payload.actorUserId);
    const eventTarget = target(event.type, payload);
    await recordAudit(tx, {
      studioId: event.studioId,
      actor: actorUserId ? { kind: 'user', userId: actorUserId } : { kind: 'system', reason: event.type },
      action: event.type,
      ...(eventTarget ? { target: eventTarget } : {}),
      data: { eventId: event.id, ...(event.payload as Record<string, unknown>) },
    });
  },
}));
