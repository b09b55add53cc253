import { Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../auth/roles';
import { ApiKeyStatus } from './api-key.entity';

@InputType({ description: 'A new API key for a partner app' })
export class ApiKeyCreateInput {
  @Field({ description: 'What the key is for, e.g. "CI pipeline"' }) @Length(1, 100) name: string;
  @Field(() => Role, { nullable: true, description: 'What the key may do, as a member of that system role would; or give customRoleId' }) role?: Role | null;
  @Field(() => ID, { nullable: true, description: 'The custom role the key holds instead of a system role' }) customRoleId?: string | null;
  @Field(() => Date, { nullable: true, description: 'When the key stops working; must be in the future' }) expiresAt?: Date | null;
}

@InputType({ description: 'The API key to revoke' })
export class ApiKeyRevokeInput {
  @Field(() => ID, { description: 'The key to revoke' }) apiKeyId: string;
}

@InputType({ description: 'Narrows a list of API keys' })
export class ApiKeyFilter {
  @Field(() => [ApiKeyStatus], { nullable: true, description: 'Keys in any of these states; all keys when null' }) statuses?: ApiKeyStatus[];
}
