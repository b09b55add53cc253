import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Args, Ctx, FieldResolver, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Selection } from '../../graphql/read-model';
import { User, userById } from '../users';
import { HrRecord, HrRecordDataSchema, HrRecordKind, HrRecordStatus, HrSettings } from './hr-record.entity';
import {
  HrRecordCreateInput,
  HrRecordFilter,
  HrRecordInsightsSetInput,
  HrRecordStatusInput,
  HrRecordUpdateInput,
  HrSettingsUpdateInput,
} from './hr-record.inputs';
import { HrRecordPayload, HrSettingsPayload } from './hr-record.payloads';
import { personalAccess, readPersonal } from './hr-record.personal';
import { HR_DATA_SCHEMAS } from './hr-record.schemas';
import {
  changeHrRecordStatus,
  createHrRecord,
  listHrRecords,
  readHrSettings,
  setHrRecordInsights,
  updateHrRecord,
  updateHrSettings,
} from './hr-record.service';

export const HrRecordConnection = connectionType(HrRecord, 'HrRecord');

@Resolver(() => HrRecord)
export class HrRecordResolver {
  @Query(() => HrRecordConnection, { nullable: true, description: 'HR records (candidates, employees, performance reviews), newest first' })
  hrRecords(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => HrRecordFilter, { nullable: true, description: 'Only records matching this; all when null' }) filter: HrRecordFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<HrRecord>> {
    return listHrRecords(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => [HrRecordDataSchema], { nullable: true, description: 'The JSON schema of the data of each kind of HR record' })
  hrRecordDataSchemas(): HrRecordDataSchema[] {
    return Object.values(HrRecordKind).map((kind) => ({ kind, schema: HR_DATA_SCHEMAS[kind] as Record<string, unknown> }));
  }

  @Query(() => HrSettings, { nullable: true, description: "The tenant's HR settings" })
  hrSettings(@Ctx() ctx: StewardContext): Promise<HrSettings> {
    return readHrSettings(ctx);
  }

  @FieldResolver(() => Boolean, { description: 'Whether the caller reads the personal fields; when false they are null' })
  personalFieldsVisible(@Ctx() ctx: StewardContext): Promise<boolean> {
    return loader(ctx, personalAccess).load('caller');
  }

  @FieldResolver(() => String, { nullable: true, description: 'Full name of the person it is about (personal: null without access; reads are audited)' })
  subjectName(@Root() record: HrRecord, @Ctx() ctx: StewardContext) {
    return readPersonal(ctx, record, 'subjectName');
  }

  @FieldResolver(() => String, { nullable: true, description: 'Email address of the person it is about (personal: null without access; reads are audited)' })
  subjectEmail(@Root() record: HrRecord, @Ctx() ctx: StewardContext) {
    return readPersonal(ctx, record, 'subjectEmail');
  }

  @FieldResolver(() => GraphQLJSONObject, {
    nullable: true,
    description: 'The structured data, per the JSON schema of its kind (personal: null without access; reads are audited)',
  })
  data(@Root() record: HrRecord, @Ctx() ctx: StewardContext) {
    return readPersonal(ctx, record, 'data');
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created it; null when a partner app did' })
  createdBy(@Root() record: HrRecord, @Ctx() ctx: StewardContext) {
    return record.createdById ? loader(ctx, userById).load(record.createdById) : null;
  }

  @Mutation(() => HrRecordPayload, { nullable: true, description: 'Creates an HR record; its personal fields are encrypted at rest' })
  hrRecordCreate(@Arg('input', { description: 'The record' }) input: HrRecordCreateInput, @Ctx() ctx: StewardContext): Promise<HrRecordPayload> {
    return mutate(
      ctx,
      { action: 'hr_record.create', entityType: 'HrRecord' },
      async () => ({ record: await createHrRecord(ctx, input), userErrors: [] }),
      () => ({ record: null }),
    );
  }

  @Mutation(() => HrRecordPayload, { nullable: true, description: "Changes an HR record's personal fields" })
  hrRecordUpdate(
    @Arg('input', { description: 'The record and its changes' }) input: HrRecordUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<HrRecordPayload> {
    const id = expectGlobalId(input.recordId, 'HrRecord', 'input.recordId');
    return mutate(
      ctx,
      { action: 'hr_record.update', entityType: 'HrRecord', entityId: id },
      async () => ({ record: await updateHrRecord(ctx, id, input), userErrors: [] }),
      () => ({ record: null }),
    );
  }

  @Mutation(() => HrRecordPayload, { nullable: true, description: 'Puts an HR record in use (from PENDING or INACTIVE)' })
  hrRecordActivate(@Arg('input', { description: 'The record' }) input: HrRecordStatusInput, @Ctx() ctx: StewardContext): Promise<HrRecordPayload> {
    return this.changeStatus(ctx, input, HrRecordStatus.ACTIVE, 'hr_record.activate');
  }

  @Mutation(() => HrRecordPayload, { nullable: true, description: 'Takes an HR record out of use, keeping it (from PENDING or ACTIVE)' })
  hrRecordDeactivate(@Arg('input', { description: 'The record' }) input: HrRecordStatusInput, @Ctx() ctx: StewardContext): Promise<HrRecordPayload> {
    return this.changeStatus(ctx, input, HrRecordStatus.INACTIVE, 'hr_record.deactivate');
  }

  private changeStatus(
    ctx: StewardContext,
    input: HrRecordStatusInput,
    status: HrRecordStatus.ACTIVE | HrRecordStatus.INACTIVE,
    action: string,
  ): Promise<HrRecordPayload> {
    const id = expectGlobalId(input.recordId, 'HrRecord', 'input.recordId');
    return mutate(
      ctx,
      { action, entityType: 'HrRecord', entityId: id },
      async () => ({ record: await changeHrRecordStatus(ctx, id, status), userErrors: [] }),
      () => ({ record: null }),
    );
  }

  @Mutation(() => HrRecordPayload, { nullable: true, description: "Writes a partner app's AI insights on a record (API keys only)" })
  hrRecordInsightsSet(
    @Arg('input', { description: 'The record and the insights' }) input: HrRecordInsightsSetInput,
    @Ctx() ctx: StewardContext,
  ): Promise<HrRecordPayload> {
    const id = expectGlobalId(input.recordId, 'HrRecord', 'input.recordId');
    return mutate(
      ctx,
      { action: 'hr_record.insights_set', entityType: 'HrRecord', entityId: id },
      async () => ({ record: await setHrRecordInsights(ctx, id, input), userErrors: [] }),
      () => ({ record: null }),
    );
  }

  @Mutation(() => HrSettingsPayload, { nullable: true, description: "Changes the tenant's HR settings (whether admins read personal fields)" })
  hrSettingsUpdate(@Arg('input', { description: 'The settings' }) input: HrSettingsUpdateInput, @Ctx() ctx: StewardContext): Promise<HrSettingsPayload> {
    return mutate(
      ctx,
      { action: 'hr_settings.update', entityType: 'Tenant' },
      async () => ({ settings: await updateHrSettings(ctx, input), userErrors: [] }),
      () => ({ settings: null }),
    );
  }
}
