import { anyMember, anyOf, platformAdmin, PermissionMap, signedIn } from '../../auth/rules';

export const tenantPermissions: PermissionMap = {
  Query: { tenant: signedIn, tenants: platformAdmin },
  Tenant: { '*': signedIn, resourceLimits: anyOf(anyMember, platformAdmin) },
  TenantLimits: { '*': signedIn },
  TenantConnection: { '*': platformAdmin },
  TenantEdge: { '*': platformAdmin },
  Mutation: { tenantCreate: platformAdmin, tenantUpdate: platformAdmin, tenantSuspend: platformAdmin, tenantReactivate: platformAdmin },
  TenantPayload: { '*': platformAdmin },
  TenantCreatePayload: { '*': platformAdmin },
};
