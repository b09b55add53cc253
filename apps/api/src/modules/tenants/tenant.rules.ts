import { anyMember, anyOf, platformAdmin, PermissionMap, signedIn } from '../../auth/rules';

export const tenantPermissions: PermissionMap = {
  Query: { tenant: signedIn, tenants: platformAdmin },
  Tenant: { '*': signedIn, resourceLimits: anyOf(anyMember, platformAdmin) },
  TenantLimits: { '*': signedIn },
  TenantConnection: { '*': platformAdmin },
  TenantEdge: { '*': platformAdmin },
  Mutation: { tenantCreate: platformAdmin, tenantUpdate: platformAdmin, tenantStatusChange: platformAdmin },
  TenantPayload: { '*': platformAdmin },
  TenantCreatePayload: { '*': platformAdmin },
};
