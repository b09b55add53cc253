import { Field, ID, ObjectType } from 'type-graphql';
import { DeletedItemKind } from './deletable';

@ObjectType({ description: 'Something deleted that can still be restored, until its plan’s retention period ends and the purge job removes it' })
export class DeletedItem {
  @Field(() => ID, { description: 'Global id of the deleted object (the id it had, and has again once restored)' }) id: string;
  @Field(() => DeletedItemKind, { description: 'What kind of thing it is' }) kind: DeletedItemKind;
  @Field({ description: 'Its name when it was deleted' }) name: string;
  @Field(() => Date, { description: 'When it was deleted' }) deletedAt: Date;
  @Field(() => Date, { description: 'Until when it can be restored; after that it is purged for good' }) restorableUntil: Date;
  /** Resolved by a loader into `deletedBy`. */
  deletedById: string | null;
}
