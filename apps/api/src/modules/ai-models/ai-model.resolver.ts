import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Selection } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { NamedOrder } from '../../graphql/ordering';
import { mutate } from '../../graphql/mutation';
import { AiModel, AiModelStatus } from './ai-model.entity';
import { AiModelFilter, AiModelLifecycleInput, AiModelRegisterInput, AiModelUpdateInput } from './ai-model.inputs';
import { AiModelPayload } from './ai-model.payloads';
import { findModel, listModels, moveModel, registerModel, updateModel } from './ai-model.service';

export const AiModelConnection = connectionType(AiModel, 'AiModel');

function move(ctx: StewardContext, input: AiModelLifecycleInput, status: AiModelStatus, action: string): Promise<AiModelPayload> {
  const id = expectGlobalId(input.modelId, 'AiModel', 'input.modelId');
  return mutate(
    ctx,
    { action, entityType: 'AiModel', entityId: id },
    async () => ({ model: await moveModel(ctx, id, status, action), userErrors: [] }),
    () => ({ model: null }),
  );
}

@Resolver(() => AiModel)
export class AiModelResolver {
  @Query(() => AiModelConnection, { nullable: true, description: "The tenant's model registry, newest first" })
  aiModels(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AiModelFilter, { nullable: true, description: 'Only models matching these conditions; all models when null' })
    filter: AiModelFilter | null,
    @Arg('orderBy', () => NamedOrder, { nullable: true, description: 'Sort order; newest first when null' }) orderBy: NamedOrder | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<AiModel>> {
    return listModels(ctx, page, filter, orderBy, Selection.of(info, true));
  }

  @Query(() => AiModel, { nullable: true, description: 'One model of the registry by id' })
  aiModel(@Arg('id', () => ID, { description: 'Global id of the model' }) id: string, @Ctx() ctx: StewardContext): Promise<AiModel> {
    return findModel(ctx, expectGlobalId(id, 'AiModel', 'id'));
  }

  @Mutation(() => AiModelPayload, { nullable: true, description: 'Adds a model (name + version) to the registry' })
  aiModelRegister(@Arg('input', { description: 'The model to add' }) input: AiModelRegisterInput, @Ctx() ctx: StewardContext): Promise<AiModelPayload> {
    return mutate(
      ctx,
      { action: 'aiModel.register', entityType: 'AiModel' },
      async () => ({ model: await registerModel(ctx, input), userErrors: [] }),
      () => ({ model: null }),
    );
  }

  @Mutation(() => AiModelPayload, {
    nullable: true,
    description: "Changes a model's metrics or configuration; its status moves with aiModelDeploy, aiModelUndeploy and aiModelArchive",
  })
  aiModelUpdate(
    @Arg('input', { description: 'The model and the fields to change' }) input: AiModelUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<AiModelPayload> {
    const id = expectGlobalId(input.modelId, 'AiModel', 'input.modelId');
    return mutate(
      ctx,
      { action: 'aiModel.update', entityType: 'AiModel', entityId: id },
      async () => ({ model: await updateModel(ctx, id, input), userErrors: [] }),
      () => ({ model: null }),
    );
  }

  @Mutation(() => AiModelPayload, { nullable: true, description: 'Puts a training model in service, so agents can run on it; an archived model cannot return' })
  aiModelDeploy(@Arg('input', { description: 'The model to move' }) input: AiModelLifecycleInput, @Ctx() ctx: StewardContext): Promise<AiModelPayload> {
    return move(ctx, input, AiModelStatus.DEPLOYED, 'aiModel.deploy');
  }

  @Mutation(() => AiModelPayload, {
    nullable: true,
    description: 'Takes a deployed model out of service, back to training; refused while deployed agents run on it',
  })
  aiModelUndeploy(@Arg('input', { description: 'The model to move' }) input: AiModelLifecycleInput, @Ctx() ctx: StewardContext): Promise<AiModelPayload> {
    return move(ctx, input, AiModelStatus.TRAINING, 'aiModel.undeploy');
  }

  @Mutation(() => AiModelPayload, { nullable: true, description: 'Retires a model for good; refused while deployed agents run on it' })
  aiModelArchive(@Arg('input', { description: 'The model to move' }) input: AiModelLifecycleInput, @Ctx() ctx: StewardContext): Promise<AiModelPayload> {
    return move(ctx, input, AiModelStatus.ARCHIVED, 'aiModel.archive');
  }
}
