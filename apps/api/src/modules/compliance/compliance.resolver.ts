import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { joinedOf, Selection } from '../../graphql/read-model';
import { decisionById, Policy, PolicyDecision, policyById } from '../policies';
import { User } from '../users';
import { ComplianceControl } from './compliance-control.entity';
import {
  automatedChecksByControl,
  createControl,
  deleteControl,
  findControl,
  grantException,
  listControls,
  listExceptions,
  mapControl,
  revokeException,
  reviewControl,
  updateControl,
} from './compliance-control.service';
import { ComplianceException } from './compliance-exception.entity';
import { ComplianceFramework, ComplianceFrameworkTemplate, ComplianceScorePoint } from './compliance-framework.entity';
import {
  createFramework,
  createFrameworkFromTemplate,
  createRequirement,
  deleteFramework,
  deleteRequirement,
  findRequirement,
  listFrameworks,
  loadUser,
  moveRequirement,
  readFramework,
  setFrameworkEnabled,
  setRequirementApplicable,
  updateFramework,
  updateRequirement,
} from './compliance-framework.service';
import { ComplianceRequirement } from './compliance-requirement.entity';
import {
  ComplianceControlCreateInput,
  ComplianceControlFilter,
  ComplianceControlMappingInput,
  ComplianceControlRefInput,
  ComplianceControlUpdateInput,
  ComplianceExceptionFilter,
  ComplianceExceptionGrantInput,
  ComplianceExceptionRevokeInput,
  ComplianceFrameworkCreateFromTemplateInput,
  ComplianceFrameworkCreateInput,
  ComplianceFrameworkFilter,
  ComplianceFrameworkRefInput,
  ComplianceFrameworkUpdateInput,
  ComplianceRequirementCreateInput,
  ComplianceRequirementMarkNotApplicableInput,
  ComplianceRequirementMoveInput,
  ComplianceRequirementRefInput,
  ComplianceRequirementUpdateInput,
} from './compliance.inputs';
import {
  activeExceptionBySubject,
  controlById,
  controlsByRequirementFor,
  evidenceByControl,
  frameworkById,
  policyIdsByControl,
  requirementById,
  requirementsByControl,
  requirementTreeFor,
  pageTreeOf,
  scoreHistory,
  treeControlsOf,
} from './compliance.loaders';
import {
  ComplianceAutomatedCheck,
  ComplianceControlDeletePayload,
  ComplianceControlPayload,
  ComplianceExceptionPayload,
  ComplianceFrameworkDeletePayload,
  ComplianceFrameworkPayload,
  ComplianceOverview,
  ComplianceRequirementDeletePayload,
  ComplianceRequirementPayload,
} from './compliance.payloads';
import { ComplianceEvidence } from './compliance-evidence.entity';
import { complianceOverview } from './compliance-overview';
import { TEMPLATES, flatten } from './templates';

export const ComplianceFrameworkConnection = connectionType(ComplianceFramework, 'ComplianceFramework');
export const ComplianceControlConnection = connectionType(ComplianceControl, 'ComplianceControl');
export const ComplianceExceptionConnection = connectionType(ComplianceException, 'ComplianceException');

const frameworkId = (id: string, field = 'input.frameworkId') => expectGlobalId(id, 'ComplianceFramework', field);
const requirementId = (id: string, field = 'input.requirementId') => expectGlobalId(id, 'ComplianceRequirement', field);
const controlId = (id: string, field = 'input.controlId') => expectGlobalId(id, 'ComplianceControl', field);

@Resolver(() => ComplianceFramework)
export class ComplianceFrameworkResolver {
  @Query(() => [ComplianceFrameworkTemplate], { nullable: true, description: 'The bundled framework templates (real requirement identifiers and titles)' })
  complianceFrameworkTemplates(): ComplianceFrameworkTemplate[] {
    return TEMPLATES.map((t) => ({
      key: t.key,
      name: t.name,
      version: t.version,
      description: t.description,
      requirementCount: flatten(t.requirements).length,
    }));
  }

  @Query(() => ComplianceFrameworkConnection, { nullable: true, description: "The tenant's compliance frameworks, by name" })
  complianceFrameworks(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ComplianceFrameworkFilter, { nullable: true, description: 'Only frameworks matching this; all when null' })
    filter: ComplianceFrameworkFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ComplianceFramework>> {
    return listFrameworks(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => ComplianceFramework, { nullable: true, description: 'One framework by id' })
  complianceFramework(
    @Arg('id', () => ID, { description: 'Global id of the framework' }) id: string,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ComplianceFramework> {
    return readFramework(ctx, frameworkId(id, 'id'), Selection.of(info));
  }

  @Query(() => ComplianceOverview, { nullable: true, description: "What needs attention across the tenant's compliance" })
  complianceOverview(@Ctx() ctx: StewardContext): Promise<ComplianceOverview> {
    return complianceOverview(ctx);
  }

  @FieldResolver(() => [ComplianceRequirement], {
    description: 'The whole requirement tree in tree order (parents before children, siblings in order); build the tree from parent',
  })
  requirements(
    @Root() framework: ComplianceFramework,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): ComplianceRequirement[] | Promise<ComplianceRequirement[]> {
    // Read with the framework when the framework page asked for it (readFrameworkPage); otherwise one statement for
    // the whole tree, its parents and controls included (requirementTreeFor).
    return pageTreeOf(framework) ?? requirementTreeFor(ctx, info).load(framework.uuid);
  }

  @FieldResolver(() => [ComplianceScorePoint], { description: 'The daily score snapshots of the last `days` days, oldest first' })
  scoreHistory(
    @Root() framework: ComplianceFramework,
    @Arg('days', () => Int, { defaultValue: 90, description: 'How many days back, 1-730' }) days: number,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceScorePoint[]> {
    return loader(ctx, scoreHistory).load(`${framework.uuid}:${Math.min(730, Math.max(1, days))}`);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who added the framework' })
  createdBy(@Root() framework: ComplianceFramework, @Ctx() ctx: StewardContext) {
    return loadUser(ctx, framework.createdById);
  }

  @Mutation(() => ComplianceFrameworkPayload, { nullable: true, description: 'Adds a framework from a bundled template, with its requirement tree' })
  complianceFrameworkCreateFromTemplate(
    @Arg('input', { description: 'The template and an optional name' }) input: ComplianceFrameworkCreateFromTemplateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceFrameworkPayload> {
    return mutate(
      ctx,
      { action: 'compliance_framework.create', entityType: 'ComplianceFramework' },
      async () => ({ framework: await createFrameworkFromTemplate(ctx, input), userErrors: [] }),
      () => ({ framework: null }),
    );
  }

  @Mutation(() => ComplianceFrameworkPayload, { nullable: true, description: 'Adds a framework by hand, without requirements' })
  complianceFrameworkCreate(
    @Arg('input', { description: 'The framework to create' }) input: ComplianceFrameworkCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceFrameworkPayload> {
    return mutate(
      ctx,
      { action: 'compliance_framework.create', entityType: 'ComplianceFramework' },
      async () => ({ framework: await createFramework(ctx, input), userErrors: [] }),
      () => ({ framework: null }),
    );
  }

  @Mutation(() => ComplianceFrameworkPayload, { nullable: true, description: "Changes a framework's name, version, description or certification" })
  complianceFrameworkUpdate(
    @Arg('input', { description: 'The framework and the fields to change' }) input: ComplianceFrameworkUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceFrameworkPayload> {
    const id = frameworkId(input.frameworkId);
    return mutate(
      ctx,
      { action: 'compliance_framework.update', entityType: 'ComplianceFramework', entityId: id },
      async () => ({ framework: await updateFramework(ctx, id, input), userErrors: [] }),
      () => ({ framework: null }),
    );
  }

  @Mutation(() => ComplianceFrameworkPayload, { nullable: true, description: 'Enables a disabled framework' })
  complianceFrameworkEnable(
    @Arg('input', { description: 'The framework' }) input: ComplianceFrameworkRefInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceFrameworkPayload> {
    const id = frameworkId(input.frameworkId);
    return mutate(
      ctx,
      { action: 'compliance_framework.enable', entityType: 'ComplianceFramework', entityId: id },
      async () => ({ framework: await setFrameworkEnabled(ctx, id, true), userErrors: [] }),
      () => ({ framework: null }),
    );
  }

  @Mutation(() => ComplianceFrameworkPayload, { nullable: true, description: 'Disables a framework: it keeps its data but leaves the overviews' })
  complianceFrameworkDisable(
    @Arg('input', { description: 'The framework' }) input: ComplianceFrameworkRefInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceFrameworkPayload> {
    const id = frameworkId(input.frameworkId);
    return mutate(
      ctx,
      { action: 'compliance_framework.disable', entityType: 'ComplianceFramework', entityId: id },
      async () => ({ framework: await setFrameworkEnabled(ctx, id, false), userErrors: [] }),
      () => ({ framework: null }),
    );
  }

  @Mutation(() => ComplianceFrameworkDeletePayload, {
    nullable: true,
    description: 'Deletes a framework with its requirements; controls stay, unmapped from it',
  })
  complianceFrameworkDelete(
    @Arg('input', { description: 'The framework' }) input: ComplianceFrameworkRefInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceFrameworkDeletePayload> {
    const id = frameworkId(input.frameworkId);
    return mutate(
      ctx,
      { action: 'compliance_framework.delete', entityType: 'ComplianceFramework', entityId: id },
      async () => ({ deletedFrameworkId: await deleteFramework(ctx, id), userErrors: [] }),
      () => ({ deletedFrameworkId: null }),
    );
  }
}

@Resolver(() => ComplianceRequirement)
export class ComplianceRequirementResolver {
  @FieldResolver(() => ComplianceFramework, { description: 'The framework it belongs to' })
  async framework(@Root() requirement: ComplianceRequirement, @Ctx() ctx: StewardContext): Promise<ComplianceFramework> {
    return (await loader(ctx, frameworkById).load(requirement.frameworkId))!;
  }

  @FieldResolver(() => ComplianceRequirement, { nullable: true, description: 'The parent requirement; null at the top level' })
  parent(@Root() requirement: ComplianceRequirement, @Ctx() ctx: StewardContext): ComplianceRequirement | Promise<ComplianceRequirement | null> | null {
    const joined = joinedOf<ComplianceRequirement>(requirement, 'parent');
    // Joined into the tree's statement: answered as it is, without a promise per requirement.
    if (joined !== undefined) return joined;
    return requirement.parentId ? loader(ctx, requirementById).load(requirement.parentId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The member responsible for it' })
  responsible(@Root() requirement: ComplianceRequirement, @Ctx() ctx: StewardContext) {
    return loadUser(ctx, requirement.responsibleId);
  }

  @FieldResolver(() => [ComplianceControl], { description: 'Controls mapped to it (from any framework), by name' })
  controls(
    @Root() requirement: ComplianceRequirement,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): ComplianceControl[] | Promise<ComplianceControl[]> {
    return treeControlsOf(requirement) ?? controlsByRequirementFor(ctx, info).load(requirement.uuid);
  }

  @FieldResolver(() => ComplianceException, { nullable: true, description: 'The active exception covering it, if any' })
  exception(@Root() requirement: ComplianceRequirement, @Ctx() ctx: StewardContext) {
    return loader(ctx, activeExceptionBySubject).load(requirement.uuid);
  }

  @Mutation(() => ComplianceRequirementPayload, { nullable: true, description: 'Adds a requirement to a framework, at the top or under a parent' })
  complianceRequirementCreate(
    @Arg('input', { description: 'The requirement to add' }) input: ComplianceRequirementCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceRequirementPayload> {
    return mutate(
      ctx,
      { action: 'compliance_requirement.create', entityType: 'ComplianceRequirement' },
      async () => ({ requirement: await createRequirement(ctx, input), userErrors: [] }),
      () => ({ requirement: null }),
    );
  }

  @Mutation(() => ComplianceRequirementPayload, {
    nullable: true,
    description: "Changes a requirement's title, notes, weight, evidence rule or responsible member",
  })
  complianceRequirementUpdate(
    @Arg('input', { description: 'The requirement and the fields to change' }) input: ComplianceRequirementUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceRequirementPayload> {
    const id = requirementId(input.requirementId);
    return mutate(
      ctx,
      { action: 'compliance_requirement.update', entityType: 'ComplianceRequirement', entityId: id },
      async () => ({ requirement: await updateRequirement(ctx, id, input), userErrors: [] }),
      () => ({ requirement: null }),
    );
  }

  @Mutation(() => ComplianceRequirementPayload, { nullable: true, description: 'Puts a requirement at another place among its siblings' })
  complianceRequirementMove(
    @Arg('input', { description: 'The requirement and its new place' }) input: ComplianceRequirementMoveInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceRequirementPayload> {
    const id = requirementId(input.requirementId);
    return mutate(
      ctx,
      { action: 'compliance_requirement.move', entityType: 'ComplianceRequirement', entityId: id },
      async () => ({ requirement: await moveRequirement(ctx, id, input.position), userErrors: [] }),
      () => ({ requirement: null }),
    );
  }

  @Mutation(() => ComplianceRequirementDeletePayload, {
    nullable: true,
    description: 'Deletes a requirement with its children, their mappings and exceptions; controls stay',
  })
  complianceRequirementDelete(
    @Arg('input', { description: 'The requirement' }) input: ComplianceRequirementRefInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceRequirementDeletePayload> {
    const id = requirementId(input.requirementId);
    return mutate(
      ctx,
      { action: 'compliance_requirement.delete', entityType: 'ComplianceRequirement', entityId: id },
      async () => ({ deletedRequirementId: await deleteRequirement(ctx, id), userErrors: [] }),
      () => ({ deletedRequirementId: null }),
    );
  }

  @Mutation(() => ComplianceRequirementPayload, { nullable: true, description: 'Marks a requirement (and so its subtree) not applicable, with the reason' })
  complianceRequirementMarkNotApplicable(
    @Arg('input', { description: 'The requirement and why' }) input: ComplianceRequirementMarkNotApplicableInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceRequirementPayload> {
    const id = requirementId(input.requirementId);
    return mutate(
      ctx,
      { action: 'compliance_requirement.mark_not_applicable', entityType: 'ComplianceRequirement', entityId: id },
      async () => ({ requirement: await setRequirementApplicable(ctx, id, input.reason), userErrors: [] }),
      () => ({ requirement: null }),
    );
  }

  @Mutation(() => ComplianceRequirementPayload, { nullable: true, description: 'Makes a not-applicable requirement count again' })
  complianceRequirementMarkApplicable(
    @Arg('input', { description: 'The requirement' }) input: ComplianceRequirementRefInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceRequirementPayload> {
    const id = requirementId(input.requirementId);
    return mutate(
      ctx,
      { action: 'compliance_requirement.mark_applicable', entityType: 'ComplianceRequirement', entityId: id },
      async () => ({ requirement: await setRequirementApplicable(ctx, id, null), userErrors: [] }),
      () => ({ requirement: null }),
    );
  }
}

@Resolver(() => ComplianceControl)
export class ComplianceControlResolver {
  @Query(() => ComplianceControlConnection, {
    nullable: true,
    description: "The tenant's controls, by name (developers: only those covering agents they created)",
  })
  complianceControls(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ComplianceControlFilter, { nullable: true, description: 'Only controls matching this; all when null' })
    filter: ComplianceControlFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ComplianceControl>> {
    return listControls(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => ComplianceControl, { nullable: true, description: 'One control by id' })
  complianceControl(@Arg('id', () => ID, { description: 'Global id of the control' }) id: string, @Ctx() ctx: StewardContext): Promise<ComplianceControl> {
    return findControl(ctx, controlId(id, 'id'));
  }

  @Query(() => ComplianceExceptionConnection, { nullable: true, description: 'Exceptions granted, newest first' })
  complianceExceptions(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ComplianceExceptionFilter, { nullable: true, description: 'Only exceptions matching this' }) filter: ComplianceExceptionFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<ComplianceException>> {
    return listExceptions(ctx, page, filter, Selection.of(info, true));
  }

  @FieldResolver(() => User, { nullable: true, description: 'The member who owns it' })
  owner(@Root() control: ComplianceControl, @Ctx() ctx: StewardContext) {
    return loadUser(ctx, control.ownerId);
  }

  @FieldResolver(() => Boolean, { description: 'Whether it is linked to at least one policy (its decisions are then its automated checks)' })
  async automated(@Root() control: ComplianceControl, @Ctx() ctx: StewardContext): Promise<boolean> {
    return (await loader(ctx, policyIdsByControl).load(control.uuid)).length > 0;
  }

  @FieldResolver(() => [Policy], { description: 'The governance policies linked to it, by name' })
  async policies(@Root() control: ComplianceControl, @Ctx() ctx: StewardContext): Promise<Policy[]> {
    const ids = await loader(ctx, policyIdsByControl).load(control.uuid);
    return (await loader(ctx, policyById).loadMany(ids)).filter((p): p is Policy => p instanceof Policy);
  }

  @FieldResolver(() => [ComplianceRequirement], { nullable: true, description: 'The requirements it is mapped to, in any framework (compliance readers)' })
  requirements(@Root() control: ComplianceControl, @Ctx() ctx: StewardContext): Promise<ComplianceRequirement[]> {
    return loader(ctx, requirementsByControl).load(control.uuid);
  }

  @FieldResolver(() => [ComplianceEvidence], { nullable: true, description: 'Its evidence, newest first (compliance readers)' })
  evidence(@Root() control: ComplianceControl, @Ctx() ctx: StewardContext): Promise<ComplianceEvidence[]> {
    return loader(ctx, evidenceByControl).load(control.uuid);
  }

  @FieldResolver(() => [ComplianceAutomatedCheck], { description: 'One check per linked policy, with its latest decisions' })
  automatedChecks(@Root() control: ComplianceControl, @Ctx() ctx: StewardContext): Promise<ComplianceAutomatedCheck[]> {
    return loader(ctx, automatedChecksByControl).load(control.uuid);
  }

  @FieldResolver(() => ComplianceException, { nullable: true, description: 'The active exception covering it, if any' })
  exception(@Root() control: ComplianceControl, @Ctx() ctx: StewardContext) {
    return loader(ctx, activeExceptionBySubject).load(control.uuid);
  }

  @Mutation(() => ComplianceControlPayload, { nullable: true, description: 'Creates a control, optionally linked to policies and mapped to requirements' })
  complianceControlCreate(
    @Arg('input', { description: 'The control to create' }) input: ComplianceControlCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceControlPayload> {
    return mutate(
      ctx,
      { action: 'compliance_control.create', entityType: 'ComplianceControl' },
      async () => ({ control: await createControl(ctx, input), userErrors: [] }),
      () => ({ control: null }),
    );
  }

  @Mutation(() => ComplianceControlPayload, { nullable: true, description: 'Changes a control (and replaces its linked policies when given)' })
  complianceControlUpdate(
    @Arg('input', { description: 'The control and the fields to change' }) input: ComplianceControlUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceControlPayload> {
    const id = controlId(input.controlId);
    return mutate(
      ctx,
      { action: 'compliance_control.update', entityType: 'ComplianceControl', entityId: id },
      async () => ({ control: await updateControl(ctx, id, input), userErrors: [] }),
      () => ({ control: null }),
    );
  }

  @Mutation(() => ComplianceControlPayload, { nullable: true, description: 'Maps a control to requirements of any frameworks (already mapped ones stay)' })
  complianceControlMap(
    @Arg('input', { description: 'The control and the requirements' }) input: ComplianceControlMappingInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceControlPayload> {
    const id = controlId(input.controlId);
    return mutate(
      ctx,
      { action: 'compliance_control.map', entityType: 'ComplianceControl', entityId: id },
      async () => ({ control: await mapControl(ctx, id, input.requirementIds, false), userErrors: [] }),
      () => ({ control: null }),
    );
  }

  @Mutation(() => ComplianceControlPayload, { nullable: true, description: 'Unmaps a control from requirements' })
  complianceControlUnmap(
    @Arg('input', { description: 'The control and the requirements' }) input: ComplianceControlMappingInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceControlPayload> {
    const id = controlId(input.controlId);
    return mutate(
      ctx,
      { action: 'compliance_control.unmap', entityType: 'ComplianceControl', entityId: id },
      async () => ({ control: await mapControl(ctx, id, input.requirementIds, true), userErrors: [] }),
      () => ({ control: null }),
    );
  }

  @Mutation(() => ComplianceControlPayload, { nullable: true, description: 'Records that the control was reviewed now' })
  complianceControlReview(
    @Arg('input', { description: 'The control' }) input: ComplianceControlRefInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceControlPayload> {
    const id = controlId(input.controlId);
    return mutate(
      ctx,
      { action: 'compliance_control.review', entityType: 'ComplianceControl', entityId: id },
      async () => ({ control: await reviewControl(ctx, id), userErrors: [] }),
      () => ({ control: null }),
    );
  }

  @Mutation(() => ComplianceControlDeletePayload, { nullable: true, description: 'Deletes a control with its mappings and evidence' })
  complianceControlDelete(
    @Arg('input', { description: 'The control' }) input: ComplianceControlRefInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceControlDeletePayload> {
    const id = controlId(input.controlId);
    return mutate(
      ctx,
      { action: 'compliance_control.delete', entityType: 'ComplianceControl', entityId: id },
      async () => ({ deletedControlId: await deleteControl(ctx, id), userErrors: [] }),
      () => ({ deletedControlId: null }),
    );
  }

  @Mutation(() => ComplianceExceptionPayload, { nullable: true, description: 'Exempts a control or requirement until a time; the caller is the approver' })
  complianceExceptionGrant(
    @Arg('input', { description: 'What to exempt, why and until when' }) input: ComplianceExceptionGrantInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceExceptionPayload> {
    return mutate(
      ctx,
      { action: 'compliance_exception.grant', entityType: 'ComplianceException' },
      async () => ({ exception: await grantException(ctx, input), userErrors: [] }),
      () => ({ exception: null }),
    );
  }

  @Mutation(() => ComplianceExceptionPayload, { nullable: true, description: 'Revokes an active exception' })
  complianceExceptionRevoke(
    @Arg('input', { description: 'The exception' }) input: ComplianceExceptionRevokeInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ComplianceExceptionPayload> {
    const id = expectGlobalId(input.exceptionId, 'ComplianceException', 'input.exceptionId');
    return mutate(
      ctx,
      { action: 'compliance_exception.revoke', entityType: 'ComplianceException', entityId: id },
      async () => ({ exception: await revokeException(ctx, id), userErrors: [] }),
      () => ({ exception: null }),
    );
  }
}

@Resolver(() => ComplianceAutomatedCheck)
export class ComplianceAutomatedCheckResolver {
  @FieldResolver(() => Policy, { nullable: true, description: 'The policy whose decisions this check reads' })
  policy(@Root() check: ComplianceAutomatedCheck, @Ctx() ctx: StewardContext) {
    return loader(ctx, policyById).load(check.policyId);
  }

  @FieldResolver(() => [PolicyDecision], { description: 'The latest decision per agent and rule, newest first (at most 20): the evidence of the check' })
  async latestDecisions(@Root() check: ComplianceAutomatedCheck, @Ctx() ctx: StewardContext): Promise<PolicyDecision[]> {
    return (await loader(ctx, decisionById).loadMany(check.decisionIds)).filter((d): d is PolicyDecision => d instanceof PolicyDecision);
  }
}

@Resolver(() => ComplianceException)
export class ComplianceExceptionResolver {
  @FieldResolver(() => ComplianceControl, { nullable: true, description: 'The control exempted; null for a requirement exception' })
  control(@Root() exception: ComplianceException, @Ctx() ctx: StewardContext) {
    return exception.controlId ? loader(ctx, controlById).load(exception.controlId) : null;
  }

  @FieldResolver(() => ComplianceRequirement, { nullable: true, description: 'The requirement exempted; null for a control exception' })
  requirement(@Root() exception: ComplianceException, @Ctx() ctx: StewardContext) {
    return exception.requirementId ? loader(ctx, requirementById).load(exception.requirementId) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who granted it' })
  approvedBy(@Root() exception: ComplianceException, @Ctx() ctx: StewardContext) {
    return loadUser(ctx, exception.approvedById);
  }
}

export { findRequirement };
