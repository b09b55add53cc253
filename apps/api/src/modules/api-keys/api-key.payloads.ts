import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { ApiKey } from './api-key.entity';

@ObjectType()
export class ApiKeyCreatePayload {
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
  @Field(() => String, { nullable: true, description: 'The secret: shown only here, once. Send it as the x-api-key header.' })
  secret: string | null;
  @Field(() => [UserError]) userErrors: UserError[];
}

@ObjectType()
export class ApiKeyRevokePayload {
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
