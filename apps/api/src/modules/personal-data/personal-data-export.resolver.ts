import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, InputType, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { toGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Selection } from '../../graphql/read-model';
import { UserError } from '../../graphql/user-error';
import { User, userById } from '../users';
import { PersonalDataExport } from './personal-data-export.entity';
import { erasePersonalData } from './personal-data-erasure.service';
import { listPersonalDataExports, startPersonalDataExport } from './personal-data-export.service';

export const PersonalDataExportConnection = connectionType(PersonalDataExport, 'PersonalDataExport');

@InputType({ description: 'Whose personal data to export: yourself, or (admins) any member or removed member' })
export class PersonalDataExportStartInput {
  @Field(() => ID, { description: 'The person (a User id)' }) userId: string;
}

@ObjectType({ description: 'The export asked for, or why it was refused' })
export class PersonalDataExportPayload {
  @Field(() => PersonalDataExport, { nullable: true, description: 'The export, queued; null when refused' }) export: PersonalDataExport | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@InputType({ description: 'The member to erase, and their email address typed again to confirm' })
export class PersonalDataEraseInput {
  @Field(() => ID, { description: 'The person (a User id), a member of this tenant only' }) userId: string;
  @Field({ description: "The person's email address, typed again: the erasure cannot be undone" }) confirmEmail: string;
}

@ObjectType({ description: 'What the erasure did, or why it was refused' })
export class PersonalDataErasePayload {
  @Field(() => ID, { nullable: true, description: 'The erased person (a User id, now pseudonymous); null when refused' }) erasedUserId: string | null;
  @Field(() => Int, { nullable: true, description: 'HR records about them that were erased' }) hrRecordCount: number | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@Resolver(() => PersonalDataExport)
export class PersonalDataExportResolver {
  @Query(() => PersonalDataExportConnection, {
    nullable: true,
    description: 'GDPR subject access exports, newest first: all of the tenant for admins, the ones you asked for otherwise',
  })
  personalDataExports(@Args() page: ConnectionArgs, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Connection<PersonalDataExport>> {
    return listPersonalDataExports(ctx, page, Selection.of(info, true));
  }

  @FieldResolver(() => User, { nullable: true, description: 'The person it is about' })
  subject(@Root() x: PersonalDataExport, @Ctx() ctx: StewardContext) {
    return loader(ctx, userById).load(x.subjectUserId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who asked for it (the only one who may download it)' })
  requestedBy(@Root() x: PersonalDataExport, @Ctx() ctx: StewardContext) {
    return x.requestedById ? loader(ctx, userById).load(x.requestedById) : null;
  }

  @Mutation(() => PersonalDataExportPayload, {
    nullable: true,
    description:
      'Asks for a zip of everything Steward holds about a person in this tenant (yourself; admins: any member, or a removed member still restorable), built by a job',
  })
  personalDataExportStart(
    @Arg('input', { description: 'The person' }) input: PersonalDataExportStartInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PersonalDataExportPayload> {
    return mutate(
      ctx,
      { action: 'personal_data_export.start', entityType: 'PersonalDataExport' },
      async () => ({ export: await startPersonalDataExport(ctx, input), userErrors: [] }),
      () => ({ export: null }),
    );
  }

  @Mutation(() => PersonalDataErasePayload, {
    nullable: true,
    description:
      "GDPR erasure (admins): the member's personal data erased or pseudonymised everywhere, audit entries included (the audit chain still verifies); cannot be undone",
  })
  personalDataErase(
    @Arg('input', { description: 'The member and the confirmation' }) input: PersonalDataEraseInput,
    @Ctx() ctx: StewardContext,
  ): Promise<PersonalDataErasePayload> {
    return mutate(
      ctx,
      { action: 'personal_data.erase', entityType: 'User' },
      async () => {
        const erased = await erasePersonalData(ctx, input);
        return { erasedUserId: toGlobalId('User', erased.userId), hrRecordCount: erased.hrRecords, userErrors: [] };
      },
      () => ({ erasedUserId: null, hrRecordCount: null }),
    );
  }
}
