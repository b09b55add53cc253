import { Field, ObjectType } from 'type-graphql';
import { Role } from '../../auth/roles';

@ObjectType({ description: 'Who is calling, and as what' })
export class Viewer {
  @Field({ description: 'True when a user or API key is signed in' }) signedIn: boolean;
  @Field(() => Role, { nullable: true, description: 'Role in the current tenant' }) role: Role | null;
  @Field({ description: 'May create tenants and change their plan and status' }) isPlatformAdmin: boolean;
  @Field(() => String, { nullable: true, description: 'Name of the API key, when one is calling' }) apiKeyName: string | null;
  /** Resolved by the viewer resolver. */
  userId: string | null;
  tenantId: string | null;
}
