import { ArrayMaxSize, IsInt, IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { PermissionName } from '../../auth/permissions';
import { Role } from '../../auth/roles';
import { ApiKeyStatus } from './api-key.entity';

@InputType({ description: 'An operation to register for an API key: the key may then run exactly this document' })
export class ApiKeyOperationInput {
  @Field({ description: 'The GraphQL document holding one named operation (query or mutation)' }) @MaxLength(20000) document: string;
}

@InputType({ description: 'A new API key for a partner app' })
export class ApiKeyCreateInput {
  @Field({ description: 'What the key is for, e.g. "CI pipeline"' }) @Length(1, 100) name: string;
  @Field(() => Role, { nullable: true, description: 'What the key may do, as a member of that system role would; or give customRoleId' }) role?: Role | null;
  @Field(() => ID, { nullable: true, description: 'The custom role the key holds instead of a system role' }) customRoleId?: string | null;
  @Field(() => Date, { nullable: true, description: 'When the key stops working; must be in the future' }) expiresAt?: Date | null;
  @Field(() => [PermissionName], { nullable: true, description: "Limits the key to these of its role's permissions; null: all of the role's" })
  @ArrayMaxSize(50)
  scopes?: PermissionName[] | null;
  @Field(() => [ApiKeyOperationInput], { nullable: true, description: 'Limits the key to these operations; null: any operation' })
  @ArrayMaxSize(100)
  allowedOperations?: ApiKeyOperationInput[] | null;
  @Field(() => Int, { nullable: true, description: 'Operation cost the key may spend a minute (1-1,000,000); null: the default' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  costPerMinute?: number | null;
}

@InputType({ description: 'The API key to revoke' })
export class ApiKeyRevokeInput {
  @Field(() => ID, { description: 'The key to revoke' }) apiKeyId: string;
}

@InputType({ description: 'Narrows a list of API keys' })
export class ApiKeyFilter {
  @Field(() => [ApiKeyStatus], { nullable: true, description: 'Keys in any of these states; all keys when null' }) statuses?: ApiKeyStatus[];
}
