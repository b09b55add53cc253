import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Selection } from '../../graphql/read-model';
import { User } from '../users';
import { ComplianceControl } from './compliance-control.entity';
import { ComplianceEvidence, ComplianceEvidenceEvent } from './compliance-evidence.entity';
import {
  ComplianceEvidenceApproveInput,
  ComplianceEvidenceCreateInput,
  ComplianceEvidenceFilter,
  ComplianceEvidenceRefInput,
  ComplianceEvidenceRejectInput,
} from './compliance-evidence.inputs';
import { createEvidence, deleteEvidence, listEvidence, reviewEvidence, submitEvidence } from './compliance-evidence.service';
import { loadUser } from './compliance-framework.service';
import { controlById, evidenceTrail } from './compliance.loaders';
import { ComplianceEvidenceDeletePayload, ComplianceEvidencePayload } from './compliance.payloads';

export const ComplianceEvidenceConnection = connectionType(ComplianceEvidence, 'ComplianceEvidence');

const evidenceId = (id: string) => expectGlobalId(id, 'ComplianceEvidence', 'input.evidenceId');

@Resolver(() => ComplianceEvidence)
export class ComplianceEvidenceResolver {
  @Query(() => ComplianceEvidenceConnection, { nullable: true, description: 'Evidence across controls, newest first (the review inbox: statuses [IN_REVIEW])' })
  complianceEvidenceItems(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ComplianceEvidenceFilter, { nullable: true, description: 'Only evidence matching this; all when null' })
    filter: ComplianceEvidenceFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ComplianceEvidence>> {
    return listEvidence(ctx, page, filter, Selection.of(info, true));
  }

  @FieldResolver(() => ComplianceControl, { nullable: true, description: 'The control it supports' })
  control(@Root() evidence: ComplianceEvidence, @Ctx() ctx: StewardContext) {
    return loader(ctx, controlById).load(evidence.controlId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created (uploaded) it' })
  uploadedBy(@Root() evidence: ComplianceEvidence, @Ctx() ctx: StewardContext) {
    return loadUser(ctx, evidence.uploadedById);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who approved or rejected it' })
  reviewedBy(@Root() evidence: ComplianceEvidence, @Ctx() ctx: StewardContext) {
    return loadUser(ctx, evidence.reviewedById);
  }

  @FieldResolver(() => [ComplianceEvidenceEvent], { description: 'Its trail: creation, upload, submissions, approvals, rejections, expiry; oldest first' })
  trail(@Root() evidence: ComplianceEvidence, @Ctx() ctx: StewardContext): Promise<ComplianceEvidenceEvent[]> {
    return loader(ctx, evidenceTrail).load(evidence.uuid);
  }

  @Mutation(() => ComplianceEvidencePayload, { nullable: true, description: 'Attaches evidence to a control as a draft (a file is uploaded afterwards)' })
  complianceEvidenceCreate(
    @Arg('input', { description: 'The evidence' }) input: ComplianceEvidenceCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceEvidencePayload> {
    return mutate(
      ctx,
      { action: 'compliance_evidence.create', entityType: 'ComplianceEvidence' },
      async () => ({ evidence: await createEvidence(ctx, input), userErrors: [] }),
      () => ({ evidence: null }),
    );
  }

  @Mutation(() => ComplianceEvidencePayload, { nullable: true, description: 'Submits draft or rejected evidence for review' })
  complianceEvidenceSubmit(
    @Arg('input', { description: 'The evidence' }) input: ComplianceEvidenceRefInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceEvidencePayload> {
    const id = evidenceId(input.evidenceId);
    return mutate(
      ctx,
      { action: 'compliance_evidence.submit', entityType: 'ComplianceEvidence', entityId: id },
      async () => ({ evidence: await submitEvidence(ctx, id), userErrors: [] }),
      () => ({ evidence: null }),
    );
  }

  @Mutation(() => ComplianceEvidencePayload, { nullable: true, description: 'Approves evidence in review, until its renewal date (never by its uploader)' })
  complianceEvidenceApprove(
    @Arg('input', { description: 'The evidence and its renewal date' }) input: ComplianceEvidenceApproveInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceEvidencePayload> {
    const id = evidenceId(input.evidenceId);
    return mutate(
      ctx,
      { action: 'compliance_evidence.approve', entityType: 'ComplianceEvidence', entityId: id },
      async () => ({ evidence: await reviewEvidence(ctx, id, 'approved', input), userErrors: [] }),
      () => ({ evidence: null }),
    );
  }

  @Mutation(() => ComplianceEvidencePayload, { nullable: true, description: 'Rejects evidence in review, with the reason (never by its uploader)' })
  complianceEvidenceReject(
    @Arg('input', { description: 'The evidence and why' }) input: ComplianceEvidenceRejectInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceEvidencePayload> {
    const id = evidenceId(input.evidenceId);
    return mutate(
      ctx,
      { action: 'compliance_evidence.reject', entityType: 'ComplianceEvidence', entityId: id },
      async () => ({ evidence: await reviewEvidence(ctx, id, 'rejected', input), userErrors: [] }),
      () => ({ evidence: null }),
    );
  }

  @Mutation(() => ComplianceEvidenceDeletePayload, { nullable: true, description: 'Deletes draft or rejected evidence' })
  complianceEvidenceDelete(
    @Arg('input', { description: 'The evidence' }) input: ComplianceEvidenceRefInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceEvidenceDeletePayload> {
    const id = evidenceId(input.evidenceId);
    return mutate(
      ctx,
      { action: 'compliance_evidence.delete', entityType: 'ComplianceEvidence', entityId: id },
      async () => ({ deletedEvidenceId: await deleteEvidence(ctx, id), userErrors: [] }),
      () => ({ deletedEvidenceId: null }),
    );
  }
}

@Resolver(() => ComplianceEvidenceEvent)
export class ComplianceEvidenceEventResolver {
  @FieldResolver(() => User, { nullable: true, description: 'Who did it; null for the expiry job' })
  actor(@Root() event: ComplianceEvidenceEvent, @Ctx() ctx: StewardContext) {
    return loadUser(ctx, event.actorUserId);
  }
}
