export { AUDITED_STUDIO_EVENTS, auditEventHandlers } from './audit.handlers.js';
export { auditRoutes } from './audit.routes.js';
export { type AuditEvent, AuditEventSchema } from './audit.schemas.js';
export { type AuditActor, type AuditEntry, listAuditAboutUser, recordAudit } from './audit.service.js';
