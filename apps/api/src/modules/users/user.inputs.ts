import { IsUrl, Length, Matches, MaxLength } from 'class-validator';

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{2,39}$/;
import { Field, InputType } from 'type-graphql';

@InputType({ description: "Changes to the signed-in user's own profile; fields left out stay as they are" })
export class UserProfileUpdateInput {
  @Field({ nullable: true, description: 'New display name, 1 to 120 characters' }) @Length(1, 120) fullName?: string;
  @Field(() => String, {
    nullable: true,
    description: 'New username: 3 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit; unique ignoring case; null removes it',
  })
  @Matches(USERNAME, { message: 'username must be 3 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit' })
  username?: string | null;
  @Field(() => String, { nullable: true, description: 'https URL of a picture; null removes it' })
  @MaxLength(2048)
  @IsUrl({ protocols: ['https'], require_protocol: true })
  avatarUrl?: string | null;
}
