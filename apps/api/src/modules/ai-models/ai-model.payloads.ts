import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { AiModel } from './ai-model.entity';

@ObjectType()
export class AiModelPayload {
  @Field(() => AiModel, { nullable: true }) model: AiModel | null;
  @Field(() => [UserError]) userErrors: UserError[];
}
