import { IsEmail, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: 'The address of the account whose password is forgotten' })
export class PasswordResetRequestInput {
  @Field({ description: "The account's email address" }) @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email: string;
}

@InputType({ description: 'A new password, with the token from the reset link' })
export class PasswordResetCompleteInput {
  @Field({ description: 'The token from the emailed reset link' }) @Length(20, 200) token: string;
  // Its length is checked by the service, so the form shows the problem at the field.
  @Field({ description: 'The new password, at least 12 characters' }) @MaxLength(1000) password: string;
}

@InputType({ description: 'The token from an emailed verification link' })
export class EmailVerifyInput {
  @Field({ description: 'The token from the emailed verification link' }) @Length(20, 200) token: string;
}

@InputType({ description: 'A new password for the signed-in account, with the current one' })
export class PasswordChangeInput {
  @Field({ description: 'The password the account has now' }) @Length(1, 200) currentPassword: string;
  // Its length is checked by the service, so the form shows the problem at the field.
  @Field({ description: 'The new password, 12 to 200 characters, as at sign-up' }) @MaxLength(1000) newPassword: string;
}

@InputType({ description: 'A new address for the signed-in account, with its current password' })
export class EmailChangeRequestInput {
  @Field({ description: 'The new address; the account moves to it once the link mailed there is opened' }) @MaxLength(254) newEmail: string;
  @Field({ description: 'The password the account has now' }) @Length(1, 200) currentPassword: string;
}
