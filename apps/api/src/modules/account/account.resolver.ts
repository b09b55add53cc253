import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { StewardContext } from '../../context';
import { mutate } from '../../graphql/mutation';
import { EmailChangeRequestInput, EmailVerifyInput, PasswordChangeInput, PasswordResetCompleteInput, PasswordResetRequestInput } from './account.inputs';
import {
  EmailChangeRequestPayload,
  EmailVerificationSendPayload,
  EmailVerifyPayload,
  PasswordChangePayload,
  PasswordResetCompletePayload,
  PasswordResetRequestPayload,
} from './account.payloads';
import { changePassword, requestEmailChange, requestPasswordReset, resetPassword, sendEmailVerification, verifyEmail } from './account.service';

const INPUT = 'The arguments of the mutation; the input type describes each one';

@Resolver()
export class AccountResolver {
  @Mutation(() => PasswordResetRequestPayload, { nullable: true, description: 'Mails a single-use password reset link to the address, if it has an account' })
  passwordResetRequest(
    @Arg('input', { description: INPUT }) input: PasswordResetRequestInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PasswordResetRequestPayload> {
    return mutate(
      ctx,
      { action: 'user.passwordResetRequest', entityType: 'User', tenantId: null, actorLabel: input.email.trim().toLowerCase() },
      async () => {
        await requestPasswordReset(ctx, input.email);
        return { requested: true, userErrors: [] };
      },
      () => ({ requested: false }),
    );
  }

  @Mutation(() => PasswordResetCompletePayload, {
    nullable: true,
    description: 'Sets a new password with the token from a reset link; signs the account out everywhere',
  })
  passwordResetComplete(
    @Arg('input', { description: INPUT }) input: PasswordResetCompleteInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PasswordResetCompletePayload> {
    return mutate(
      ctx,
      { action: 'user.passwordReset', entityType: 'User', tenantId: null },
      async () => ({ reset: true, email: await resetPassword(ctx, input.token, input.password), userErrors: [] }),
      () => ({ reset: false, email: null }),
    );
  }

  @Mutation(() => EmailVerificationSendPayload, { nullable: true, description: 'Mails the signed-in user a link that confirms their email address' })
  emailVerificationSend(@Ctx() ctx: StewardContext): Promise<EmailVerificationSendPayload> {
    return mutate(
      ctx,
      { action: 'user.emailVerificationSend', entityType: 'User', tenantId: null },
      async () => ({ sent: await sendEmailVerification(ctx), userErrors: [] }),
      () => ({ sent: false }),
    );
  }

  @Mutation(() => EmailVerifyPayload, { nullable: true, description: 'Confirms an email address with the token from its verification link' })
  emailVerify(@Arg('input', { description: INPUT }) input: EmailVerifyInput, @Ctx() ctx: StewardContext): Promise<EmailVerifyPayload> {
    return mutate(
      ctx,
      { action: 'user.emailVerify', entityType: 'User', tenantId: null },
      async () => ({ verified: true, email: await verifyEmail(ctx, input.token), userErrors: [] }),
      () => ({ verified: false, email: null }),
    );
  }

  @Mutation(() => PasswordChangePayload, {
    nullable: true,
    description: "Changes the signed-in account's password (the current one is required); every other session of the account ends",
  })
  passwordChange(@Arg('input', { description: INPUT }) input: PasswordChangeInput, @Ctx() ctx: StewardContext): Promise<PasswordChangePayload> {
    return mutate(
      ctx,
      { action: 'user.passwordChange', entityType: 'User', entityId: ctx.caller.userId, tenantId: null },
      async () => ({ changed: true, otherSessionsEnded: await changePassword(ctx, input.currentPassword, input.newPassword), userErrors: [] }),
      () => ({ changed: false, otherSessionsEnded: 0 }),
    );
  }

  @Mutation(() => EmailChangeRequestPayload, {
    nullable: true,
    description:
      'Asks to move the signed-in account to a new address (the current password is required): it changes once the link mailed there is opened (emailVerify); the old address is told',
  })
  emailChangeRequest(@Arg('input', { description: INPUT }) input: EmailChangeRequestInput, @Ctx() ctx: StewardContext): Promise<EmailChangeRequestPayload> {
    return mutate(
      ctx,
      { action: 'user.emailChangeRequest', entityType: 'User', entityId: ctx.caller.userId, tenantId: null },
      async () => ({ sentTo: await requestEmailChange(ctx, input.newEmail, input.currentPassword), userErrors: [] }),
      () => ({ sentTo: null }),
    );
  }
}
