import { Field, ObjectType } from 'type-graphql';
import { PermissionName } from '../../auth/permissions';
import { Role } from '../../auth/roles';

@ObjectType({ description: 'Who is calling, and as what' })
export class Viewer {
  @Field({ description: 'True when a user or API key is signed in' }) signedIn: boolean;
  @Field(() => Role, { nullable: true, description: 'System role in the current tenant; null when not a member or holding a custom role' }) role: Role | null;
  @Field(() => String, { nullable: true, description: 'Name of the custom role held in the current tenant; null otherwise' }) customRoleName: string | null;
  @Field(() => [PermissionName], { description: "What the caller may do in the current tenant (its role's permissions); empty when it holds no role" })
  permissions: PermissionName[];
  @Field({ description: 'True when the caller holds a role (system or custom) in the current, active tenant' }) isMember: boolean;
  @Field({ description: 'May create tenants and change their plan and status' }) isPlatformAdmin: boolean;
  @Field(() => String, { nullable: true, description: 'Name of the API key, when one is calling' }) apiKeyName: string | null;
  /** Resolved by the viewer resolver. */
  userId: string | null;
  tenantId: string | null;
}
