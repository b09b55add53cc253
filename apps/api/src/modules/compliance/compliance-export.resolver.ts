import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, InputType, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Selection } from '../../graphql/read-model';
import { UserError } from '../../graphql/user-error';
import { User } from '../users';
import { ComplianceExport } from './compliance-export.entity';
import { listExports, startExport } from './compliance-export.service';
import { ComplianceFramework } from './compliance-framework.entity';
import { loadUser } from './compliance-framework.service';
import { frameworkById } from './compliance.loaders';

export const ComplianceExportConnection = connectionType(ComplianceExport, 'ComplianceExport');

@InputType({ description: 'The framework and period to export' })
export class ComplianceExportStartInput {
  @Field(() => ID, { description: 'The framework' }) frameworkId: string;
  @Field(() => GraphQLLocalDate, { description: 'First day of the period (UTC)' }) periodStart: string;
  @Field(() => GraphQLLocalDate, { description: 'Last day of the period (UTC), inclusive; at most three years after periodStart' }) periodEnd: string;
}

@ObjectType({ description: 'The export queued, or why it was refused' })
export class ComplianceExportPayload {
  @Field(() => ComplianceExport, { nullable: true, description: 'The export, queued; poll it through node(id:) for its progress' })
  export: ComplianceExport | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@Resolver(() => ComplianceExport)
export class ComplianceExportResolver {
  @Query(() => ComplianceExportConnection, { nullable: true, description: 'Auditor exports, newest first' })
  complianceExports(@Args() page: ConnectionArgs, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Connection<ComplianceExport>> {
    return listExports(ctx, page, Selection.of(info, true));
  }

  @FieldResolver(() => ComplianceFramework, { nullable: true, description: 'The framework exported; null once deleted' })
  framework(@Root() exported: ComplianceExport, @Ctx() ctx: StewardContext) {
    return exported.frameworkId ? loader(ctx, frameworkById).load(exported.frameworkId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who asked for it' })
  requestedBy(@Root() exported: ComplianceExport, @Ctx() ctx: StewardContext) {
    return loadUser(ctx, exported.requestedById);
  }

  @Mutation(() => ComplianceExportPayload, {
    nullable: true,
    description:
      'Queues an auditor export of a framework for a period: requirements, controls and mappings, evidence with SHA-256 and trail, decisions, audit entries',
  })
  complianceExportStart(
    @Arg('input', { description: 'The framework and period' }) input: ComplianceExportStartInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceExportPayload> {
    return mutate(
      ctx,
      { action: 'compliance_export.start', entityType: 'ComplianceExport' },
      async () => ({ export: await startExport(ctx, input), userErrors: [] }),
      () => ({ export: null }),
    );
  }
}
