import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { ApiKey } from './api-key.entity';

@ObjectType({ description: 'The new key and its secret (shown once), or why it was refused' })
export class ApiKeyCreatePayload {
  @Field(() => ApiKey, { nullable: true, description: 'The new key; null when refused' }) apiKey: ApiKey | null;
  @Field(() => String, { nullable: true, description: 'The secret: shown only here, once. Send it as the x-api-key header.' })
  secret: string | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The revoked key, or why it was refused' })
export class ApiKeyRevokePayload {
  @Field(() => ApiKey, { nullable: true, description: 'The key as it is now (revoked); null when refused' }) apiKey: ApiKey | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
