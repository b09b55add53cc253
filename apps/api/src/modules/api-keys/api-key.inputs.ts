import { Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { Role } from '../../auth/roles';
import { ApiKeyStatus } from './api-key.entity';

@InputType()
export class ApiKeyCreateInput {
  @Field({ description: 'What the key is for, e.g. "CI pipeline"' }) @Length(1, 100) name: string;
  @Field(() => Role, { description: 'What the key may do, as a member of that role would' }) role: Role;
  @Field(() => Date, { nullable: true, description: 'When the key stops working; must be in the future' }) expiresAt?: Date | null;
}

@InputType()
export class ApiKeyRevokeInput {
  @Field(() => ID) apiKeyId: string;
}

@InputType()
export class ApiKeyFilter {
  @Field(() => [ApiKeyStatus], { nullable: true }) statuses?: ApiKeyStatus[];
}
