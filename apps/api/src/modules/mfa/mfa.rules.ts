import { admins, memberManagers } from '../../auth/role-groups';
import { everyone, PermissionMap, signedIn } from '../../auth/rules';

/**
 * The second step of a sign-in and enrolling during one are for anyone holding a challenge token (the service checks it);
 * one's own factor is for the signed-in user; the tenant's requirement is for admins; resetting a member's factor is for member managers.
 */
export const mfaPermissions: PermissionMap = {
  Query: { mfaStatus: signedIn, mfaRequirement: admins },
  MfaStatus: { '*': signedIn },
  Mutation: {
    sessionMfaVerify: everyone,
    totpEnrolmentStart: everyone,
    totpEnrolmentConfirm: everyone,
    totpDisable: signedIn,
    mfaRequirementSet: admins,
    membershipMfaReset: memberManagers,
  },
  TotpEnrolmentStartPayload: { '*': everyone },
  TotpEnrolmentConfirmPayload: { '*': everyone },
  TotpDisablePayload: { '*': signedIn },
  MfaRequirementSetPayload: { '*': admins },
  MembershipMfaResetPayload: { '*': memberManagers },
};
