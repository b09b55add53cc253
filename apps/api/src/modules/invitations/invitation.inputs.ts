import { IsEmail, Length, MaxLength, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Role } from '../../auth/roles';
import { InvitationStatus } from './invitation.entity';

@InputType()
export class InvitationCreateInput {
  @Field() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email: string;
  @Field(() => Role) role: Role;
  @Field(() => Int, { defaultValue: 7, description: 'Days until the invitation expires (1-30)' }) @Min(1) @Max(30) expiresInDays: number;
}

@InputType()
export class InvitationRevokeInput {
  @Field(() => ID) invitationId: string;
}

@InputType()
export class InvitationAcceptInput {
  @Field() @Length(20, 200) token: string;
  @Field({ nullable: true, description: 'Needed when no account exists for the invited email' }) @Length(1, 120) fullName?: string;
  @Field({ nullable: true, description: 'Needed when no account exists for the invited email; at least 12 characters' })
  @Length(12, 200, { message: 'password must be 12 to 200 characters' })
  password?: string;
}

@InputType()
export class InvitationFilter {
  @Field(() => [InvitationStatus], { nullable: true }) statuses?: InvitationStatus[];
}
