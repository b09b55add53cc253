import { MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { AuditOutcome } from './audit-entry.entity';

@InputType({ description: 'Narrows the audit log; every given condition must hold' })
export class AuditEntryFilter {
  @Field(() => ID, { nullable: true, description: 'Entries by this user' }) actorUserId?: string;
  @Field(() => ID, { nullable: true, description: 'Entries by this API key' }) actorApiKeyId?: string;
  @Field({ nullable: true, description: 'Exact action, e.g. apiKey.create, or a prefix ending in *, e.g. apiKey.*' })
  @MaxLength(100)
  action?: string;
  @Field({ nullable: true, description: 'Entity type, e.g. ApiKey' }) @MaxLength(100) entityType?: string;
  @Field(() => ID, { nullable: true, description: 'Global id of the entity acted on' }) entityId?: string;
  @Field(() => AuditOutcome, { nullable: true, description: 'Entries with this outcome' }) outcome?: AuditOutcome;
  @Field({ nullable: true, description: 'Entries at or after this time' }) from?: Date;
  @Field({ nullable: true, description: 'Entries before this time' }) to?: Date;
}
