import { Field, ID, InputType } from 'type-graphql';

@InputType({ description: 'The deleted (or to be deleted) object' })
export class DeletedItemInput {
  @Field(() => ID, { description: 'Global id of the object' }) id: string;
}
