import { ArrayMaxSize, Length, MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { PermissionName } from '../../auth/permissions';

@InputType({ description: 'A new custom role' })
export class CustomRoleCreateInput {
  @Field({ description: 'Display name (1-60 characters), unique in the tenant ignoring case' }) @Length(1, 60) name: string;
  @Field({ defaultValue: '', description: 'What the role is for (at most 500 characters)' }) @MaxLength(500) description: string;
  @Field(() => [PermissionName], { description: 'What holders may do; only permissions the caller holds can be given' })
  @ArrayMaxSize(50)
  permissions: PermissionName[];
}

@InputType({ description: 'Only the fields given change; holders get the new permissions at their next request' })
export class CustomRoleUpdateInput {
  @Field(() => ID, { description: 'The role to change' }) customRoleId: string;
  @Field({ nullable: true, description: 'New display name (1-60 characters)' }) @Length(1, 60) name?: string;
  @Field({ nullable: true, description: 'New description (at most 500 characters)' }) @MaxLength(500) description?: string;
  @Field(() => [PermissionName], { nullable: true, description: 'Replaces the permissions; only permissions the caller holds can be given' })
  @ArrayMaxSize(50)
  permissions?: PermissionName[];
}

@InputType({ description: 'The custom role to delete; refused while members or API keys hold it' })
export class CustomRoleDeleteInput {
  @Field(() => ID, { description: 'The role to delete' }) customRoleId: string;
}
