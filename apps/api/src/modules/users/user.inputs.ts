import { IsUrl, Length, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';

@InputType()
export class UserProfileUpdateInput {
  @Field({ nullable: true }) @Length(1, 120) fullName?: string;
  @Field(() => String, { nullable: true, description: 'https URL of a picture; null removes it' })
  @MaxLength(2048)
  @IsUrl({ protocols: ['https'], require_protocol: true })
  avatarUrl?: string | null;
}
