import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Selection } from '../../graphql/read-model';
import { UserError } from '../../graphql/user-error';
import { User, userById } from '../users';
import { PersonalDataExport } from './personal-data-export.entity';
import { listPersonalDataExports, startPersonalDataExport } from './personal-data-export.service';

export const PersonalDataExportConnection = connectionType(PersonalDataExport, 'PersonalDataExport');

@InputType({ description: 'Whose personal data to export: yourself, or (admins) any member' })
export class PersonalDataExportStartInput {
  @Field(() => ID, { description: 'The person (a User id)' }) userId: string;
}

@ObjectType({ description: 'The export asked for, or why it was refused' })
export class PersonalDataExportPayload {
  @Field(() => PersonalDataExport, { nullable: true, description: 'The export, queued; null when refused' }) export: PersonalDataExport | null;
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
    description: 'Asks for a zip of everything Steward holds about a person in this tenant (yourself; admins: any member), built by a job',
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
}
