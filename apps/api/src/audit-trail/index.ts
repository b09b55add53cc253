export type { AuditActor, AuditClient, AuditDraft } from './audit-draft';
export { AuditTrail } from './audit-trail';
export { recordUnscopedAudit } from './unscoped-audit';
export { auditFailedAuthentication } from './failed-authentication';
