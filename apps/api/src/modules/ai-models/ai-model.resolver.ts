import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, ID, Info, Mutation, Query, Resolver } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Selection } from '../../graphql/read-model';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { NamedOrder } from '../../graphql/ordering';
import { mutate } from '../../graphql/mutation';
import { AiModel } from './ai-model.entity';
import { AiModelFilter, AiModelRegisterInput, AiModelUpdateInput } from './ai-model.inputs';
import { AiModelPayload } from './ai-model.payloads';
import { findModel, listModels, registerModel, updateModel } from './ai-model.service';

export const AiModelConnection = connectionType(AiModel, 'AiModel');

@Resolver(() => AiModel)
export class AiModelResolver {
  @Query(() => AiModelConnection, { nullable: true, description: "The tenant's model registry, newest first" })
  aiModels(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => AiModelFilter, { nullable: true, description: 'Only models matching these conditions; all models when null' }) filter: AiModelFilter | null,
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
    return mutate(ctx, { action: 'aiModel.register', entityType: 'AiModel' },
      async () => ({ model: await registerModel(ctx, input), userErrors: [] }), () => ({ model: null }));
  }

  @Mutation(() => AiModelPayload, { nullable: true, description: "Changes a model's status, metrics or configuration" })
  aiModelUpdate(@Arg('input', { description: 'The model and the fields to change' }) input: AiModelUpdateInput, @Ctx() ctx: StewardContext): Promise<AiModelPayload> {
    const id = expectGlobalId(input.modelId, 'AiModel', 'input.modelId');
    return mutate(ctx, { action: 'aiModel.update', entityType: 'AiModel', entityId: id },
      async () => ({ model: await updateModel(ctx, id, input), userErrors: [] }), () => ({ model: null }));
  }
}
