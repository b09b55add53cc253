import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { AiModel } from './ai-model.entity';

@ObjectType({ description: 'The model after the change, or why it was refused' })
export class AiModelPayload {
  @Field(() => AiModel, { nullable: true, description: 'The model as it is now; null when the change was refused' }) model: AiModel | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}
