import { IsEmail, Length, MaxLength, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { Role } from '../../auth/roles';
import { InvitationStatus } from './invitation.entity';

@InputType({ description: 'Who to invite into the current tenant, and with which role' })
export class InvitationCreateInput {
  @Field({ description: 'Address of the person to invite' }) @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email: string;
  @Field(() => Role, { nullable: true, description: 'System role they get on accepting; or give customRoleId' }) role?: Role | null;
  @Field(() => ID, { nullable: true, description: 'The custom role they get on accepting, instead of a system role' }) customRoleId?: string | null;
  @Field(() => Int, { defaultValue: 7, description: 'Days until the invitation expires (1-30)' }) @Min(1) @Max(30) expiresInDays: number;
}

@InputType({ description: 'A pending invitation to withdraw' })
export class InvitationRevokeInput {
  @Field(() => ID, { description: 'Global id of the invitation' }) invitationId: string;
}

@InputType({ description: 'Accepting an invitation with the token from its email' })
export class InvitationAcceptInput {
  @Field({ description: 'The secret token sent with the invitation' }) @Length(20, 200) token: string;
  @Field({ nullable: true, description: 'Needed when no account exists for the invited email' }) @Length(1, 120) fullName?: string;
  @Field({ nullable: true, description: 'Needed when no account exists for the invited email; at least 12 characters' })
  @Length(12, 200, { message: 'password must be 12 to 200 characters' })
  password?: string;
}

@InputType({ description: 'Which invitations to list' })
export class InvitationFilter {
  @Field(() => [InvitationStatus], { nullable: true, description: 'Only invitations in one of these statuses; null: all' }) statuses?: InvitationStatus[];
}
