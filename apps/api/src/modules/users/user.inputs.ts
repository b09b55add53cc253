import { IsUrl, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType({ description: "Changes to the signed-in user's own profile; fields left out stay as they are" })
export class UserProfileUpdateInput {
  @Field({ nullable: true, description: 'New display name, 1 to 120 characters' }) @Length(1, 120) fullName?: string;
  @Field(() => String, { nullable: true, description: 'https URL of a picture; null removes it' })
  @MaxLength(2048)
  @IsUrl({ protocols: ['https'], require_protocol: true })
  avatarUrl?: string | null;
}
