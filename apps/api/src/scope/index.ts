export { inScope, openScope, type ScopeOpening } from './open-scope';
export { RolledBackBeforeCommit, ScopeTransaction } from './scope-transaction';
export type { AppServices, Caller, Credentials, ScopeActor, TenantScope } from './tenant-scope';
