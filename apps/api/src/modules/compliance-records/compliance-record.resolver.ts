import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { readAudit } from '../../audit-trail/read-audit';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Selection } from '../../graphql/read-model';
import { Agent, agentById } from '../agents';
import { User, userById } from '../users';
import { ComplianceRecord, ComplianceRecordStatus } from './compliance-record.entity';
import { ComplianceRecordCreateInput, ComplianceRecordFilter, ComplianceRecordReviewInput } from './compliance-record.inputs';
import { ComplianceRecordPayload } from './compliance-record.payloads';
import { createRecord, listRecords, reviewRecord } from './compliance-record.service';

export const ComplianceRecordConnection = connectionType(ComplianceRecord, 'ComplianceRecord');

const restrictedReads = readAudit('compliance_record.read_data', 'ComplianceRecord', 'compliance record');

@Resolver(() => ComplianceRecord)
export class ComplianceRecordResolver {
  @Query(() => ComplianceRecordConnection, { nullable: true, description: 'AML, KYC, OFAC and custom checks, newest first' })
  complianceRecords(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ComplianceRecordFilter, { nullable: true, description: 'Only records matching this; all when null' })
    filter: ComplianceRecordFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ComplianceRecord>> {
    return listRecords(ctx, page, filter, Selection.of(info, true));
  }

  @FieldResolver(() => Agent, { nullable: true, description: 'The agent checked, for agent records' })
  agent(@Root() record: ComplianceRecord, @Ctx() ctx: StewardContext) {
    return record.agentId ? loader(ctx, agentById).load(record.agentId) : null;
  }

  @FieldResolver(() => GraphQLJSONObject, {
    nullable: true,
    description: 'What the check found (JSON); admins and compliance officers only; reads are audited',
  })
  async data(@Root() record: ComplianceRecord, @Ctx() ctx: StewardContext) {
    await loader(ctx, restrictedReads).load(`${record.uuid}|data`);
    return record.data;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Risk score 1-100; admins and compliance officers only; reads are audited' })
  async riskScore(@Root() record: ComplianceRecord, @Ctx() ctx: StewardContext) {
    await loader(ctx, restrictedReads).load(`${record.uuid}|riskScore`);
    return record.riskScore;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created it' })
  createdBy(@Root() record: ComplianceRecord, @Ctx() ctx: StewardContext) {
    return record.createdById ? loader(ctx, userById).load(record.createdById) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who reviewed it (never its creator)' })
  reviewedBy(@Root() record: ComplianceRecord, @Ctx() ctx: StewardContext) {
    return record.reviewedById ? loader(ctx, userById).load(record.reviewedById) : null;
  }

  @Mutation(() => ComplianceRecordPayload, { nullable: true, description: 'Records a check, pending review by someone else' })
  complianceRecordCreate(
    @Arg('input', { description: 'The check' }) input: ComplianceRecordCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceRecordPayload> {
    return mutate(
      ctx,
      { action: 'compliance_record.create', entityType: 'ComplianceRecord' },
      async () => ({ record: await createRecord(ctx, input), userErrors: [] }),
      () => ({ record: null }),
    );
  }

  @Mutation(() => ComplianceRecordPayload, { nullable: true, description: 'Approves a pending record (never by its creator)' })
  complianceRecordApprove(
    @Arg('input', { description: 'The record' }) input: ComplianceRecordReviewInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceRecordPayload> {
    return this.review(ctx, input, ComplianceRecordStatus.APPROVED, 'compliance_record.approve');
  }

  @Mutation(() => ComplianceRecordPayload, { nullable: true, description: 'Rejects a pending record, with a note (never by its creator)' })
  complianceRecordReject(
    @Arg('input', { description: 'The record and why' }) input: ComplianceRecordReviewInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceRecordPayload> {
    return this.review(ctx, input, ComplianceRecordStatus.REJECTED, 'compliance_record.reject');
  }

  @Mutation(() => ComplianceRecordPayload, {
    nullable: true,
    description: 'Flags a pending record for attention, with a note, raising an alert (never by its creator)',
  })
  complianceRecordFlag(
    @Arg('input', { description: 'The record and why' }) input: ComplianceRecordReviewInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceRecordPayload> {
    return this.review(ctx, input, ComplianceRecordStatus.FLAGGED, 'compliance_record.flag');
  }

  private review(ctx: StewardContext, input: ComplianceRecordReviewInput, decision: ComplianceRecordStatus, action: string): Promise<ComplianceRecordPayload> {
    const id = expectGlobalId(input.recordId, 'ComplianceRecord', 'input.recordId');
    return mutate(
      ctx,
      { action, entityType: 'ComplianceRecord', entityId: id },
      async () => ({ record: await reviewRecord(ctx, id, decision, input), userErrors: [] }),
      () => ({ record: null }),
    );
  }
}
