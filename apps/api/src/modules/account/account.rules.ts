import { everyone, PermissionMap, signedIn } from '../../auth/rules';

export const accountPermissions: PermissionMap = {
  Mutation: {
    passwordResetRequest: everyone,
    passwordResetComplete: everyone,
    emailVerificationSend: signedIn,
    emailVerify: everyone,
    passwordChange: signedIn,
    emailChangeRequest: signedIn,
  },
  PasswordResetRequestPayload: { '*': everyone },
  PasswordResetCompletePayload: { '*': everyone },
  EmailVerificationSendPayload: { '*': signedIn },
  EmailVerifyPayload: { '*': everyone },
  PasswordChangePayload: { '*': signedIn },
  EmailChangeRequestPayload: { '*': signedIn },
};
