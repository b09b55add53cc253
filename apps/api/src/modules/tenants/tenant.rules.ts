import { anyMember, anyOf, platformAdmin, PermissionMap, signedIn } from '../../auth/rules';
import { admins } from '../../auth/role-groups';

export const tenantPermissions: PermissionMap = {
  Query: { tenant: signedIn, tenants: platformAdmin, plans: signedIn },
  Tenant: {
    '*': signedIn,
    resourceLimits: anyOf(anyMember, platformAdmin),
    subscription: anyOf(anyMember, platformAdmin),
    subscriptions: anyOf(admins, platformAdmin),
    usage: anyOf(admins, platformAdmin),
    usageDays: anyOf(admins, platformAdmin),
    usageMonths: anyOf(admins, platformAdmin),
  },
  TenantLimits: { '*': signedIn },
  Plan: { '*': signedIn },
  PlanLimits: { '*': signedIn },
  TenantSubscription: { '*': signedIn },
  LimitUsage: { '*': signedIn },
  UsagePeriod: { '*': signedIn },
  TenantConnection: { '*': platformAdmin },
  TenantEdge: { '*': platformAdmin },
  Mutation: {
    tenantCreate: platformAdmin,
    tenantUpdate: platformAdmin,
    tenantSuspend: platformAdmin,
    tenantReactivate: platformAdmin,
    tenantPlanChange: platformAdmin,
    tenantTrialExtend: platformAdmin,
  },
  TenantPayload: { '*': platformAdmin },
  TenantCreatePayload: { '*': platformAdmin },
};
