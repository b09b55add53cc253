import { admins } from '../../auth/role-groups';
import { everyone, PermissionMap, signedIn } from '../../auth/rules';

/**
 * The second step of a sign-in and enrolling during one are for anyone holding a challenge token (the service checks it);
 * one's own factor is for the signed-in user; the tenant's requirement is for admins.
 */
export const mfaPermissions: PermissionMap = {
  Query: { mfaStatus: signedIn, mfaRequirement: admins },
  MfaStatus: { '*': signedIn },
  Mutation: { sessionMfaVerify: everyone, totpEnrolmentStart: everyone, totpEnrolmentConfirm: everyone, totpDisable: signedIn, mfaRequirementSet: admins },
  TotpEnrolmentStartPayload: { '*': everyone },
  TotpEnrolmentConfirmPayload: { '*': everyone },
  TotpDisablePayload: { '*': signedIn },
  MfaRequirementSetPayload: { '*': admins },
};
