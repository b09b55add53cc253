import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { readByIdFor, Selection } from '../../graphql/read-model';
import { User, userReads } from '../users';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookEndpoint } from './webhook.entity';
import { WebhookDeliveryFilter, WebhookDeliveryInput, WebhookEndpointCreateInput, WebhookEndpointInput, WebhookEndpointUpdateInput } from './webhook.inputs';
import { attemptsByDelivery } from './webhook.loaders';
import { WebhookDeliveryPayload, WebhookEndpointDeletePayload, WebhookEndpointPayload, WebhookEndpointSecretPayload } from './webhook.payloads';
import { webhookDeliveryReads, webhookEndpointReads } from './webhook.reads';
import {
  createEndpoint,
  deleteEndpoint,
  findEndpoint,
  listDeliveries,
  listEndpoints,
  redeliver,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointActive,
  updateEndpoint,
} from './webhook.service';

export const WebhookEndpointConnection = connectionType(WebhookEndpoint, 'WebhookEndpoint');
export const WebhookDeliveryConnection = connectionType(WebhookDelivery, 'WebhookDelivery');

const endpointIdOf = (input: { webhookEndpointId: string }) => expectGlobalId(input.webhookEndpointId, 'WebhookEndpoint', 'input.webhookEndpointId');

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Query(() => WebhookEndpointConnection, { nullable: true, description: "The tenant's webhook endpoints, newest first (at most 20)" })
  webhookEndpoints(@Args() page: ConnectionArgs, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<Connection<WebhookEndpoint>> {
    return listEndpoints(ctx, page, Selection.of(info, true));
  }

  @Query(() => WebhookEndpoint, { nullable: true, description: 'One webhook endpoint by id' })
  webhookEndpoint(@Arg('id', () => ID, { description: 'Global id of the endpoint' }) id: string, @Ctx() ctx: StewardContext): Promise<WebhookEndpoint> {
    return findEndpoint(ctx, expectGlobalId(id, 'WebhookEndpoint', 'id'));
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who added the endpoint; null for partner apps or when the user is gone' })
  createdBy(@Root() endpoint: WebhookEndpoint, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<User | null> | null {
    return endpoint.createdById ? readByIdFor(ctx, userReads, info).load(endpoint.createdById) : null;
  }

  @Mutation(() => WebhookEndpointSecretPayload, { nullable: true, description: 'Adds an endpoint; its signing secret is in the payload, once' })
  webhookEndpointCreate(
    @Arg('input', { description: 'The endpoint to add' }) input: WebhookEndpointCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WebhookEndpointSecretPayload> {
    return mutate(
      ctx,
      { action: 'webhookEndpoint.create', entityType: 'WebhookEndpoint' },
      async () => ({ ...(await createEndpoint(ctx, input)), userErrors: [] }),
      () => ({ webhookEndpoint: null, secret: null }),
    );
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: "Changes an endpoint's URL, description or event types" })
  webhookEndpointUpdate(
    @Arg('input', { description: 'The endpoint and the fields to change' }) input: WebhookEndpointUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WebhookEndpointPayload> {
    const id = endpointIdOf(input);
    return mutate(
      ctx,
      { action: 'webhookEndpoint.update', entityType: 'WebhookEndpoint', entityId: id },
      async () => ({ webhookEndpoint: await updateEndpoint(ctx, id, input), userErrors: [] }),
      () => ({ webhookEndpoint: null }),
    );
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: 'Switches an endpoint on again; its failure streak starts from zero' })
  webhookEndpointActivate(
    @Arg('input', { description: 'The endpoint' }) input: WebhookEndpointInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WebhookEndpointPayload> {
    const id = endpointIdOf(input);
    return mutate(
      ctx,
      { action: 'webhookEndpoint.activate', entityType: 'WebhookEndpoint', entityId: id },
      async () => ({ webhookEndpoint: await setEndpointActive(ctx, id, true), userErrors: [] }),
      () => ({ webhookEndpoint: null }),
    );
  }

  @Mutation(() => WebhookEndpointPayload, { nullable: true, description: 'Switches an endpoint off; deliveries not yet sent are cancelled' })
  webhookEndpointDeactivate(
    @Arg('input', { description: 'The endpoint' }) input: WebhookEndpointInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WebhookEndpointPayload> {
    const id = endpointIdOf(input);
    return mutate(
      ctx,
      { action: 'webhookEndpoint.deactivate', entityType: 'WebhookEndpoint', entityId: id },
      async () => ({ webhookEndpoint: await setEndpointActive(ctx, id, false), userErrors: [] }),
      () => ({ webhookEndpoint: null }),
    );
  }

  @Mutation(() => WebhookEndpointDeletePayload, { nullable: true, description: 'Removes an endpoint and its delivery log' })
  webhookEndpointDelete(
    @Arg('input', { description: 'The endpoint' }) input: WebhookEndpointInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WebhookEndpointDeletePayload> {
    const id = endpointIdOf(input);
    return mutate(
      ctx,
      { action: 'webhookEndpoint.delete', entityType: 'WebhookEndpoint', entityId: id },
      async () => ({ deletedWebhookEndpointId: await deleteEndpoint(ctx, id), userErrors: [] }),
      () => ({ deletedWebhookEndpointId: null }),
    );
  }

  @Mutation(() => WebhookEndpointSecretPayload, { nullable: true, description: 'Replaces the signing secret; the new one is in the payload, once' })
  webhookEndpointSecretRotate(
    @Arg('input', { description: 'The endpoint' }) input: WebhookEndpointInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WebhookEndpointSecretPayload> {
    const id = endpointIdOf(input);
    return mutate(
      ctx,
      { action: 'webhookEndpoint.secretRotate', entityType: 'WebhookEndpoint', entityId: id },
      async () => ({ ...(await rotateEndpointSecret(ctx, id)), userErrors: [] }),
      () => ({ webhookEndpoint: null, secret: null }),
    );
  }

  @Mutation(() => WebhookDeliveryPayload, { nullable: true, description: 'Sends a webhook.test event to the endpoint now, signed like every event' })
  webhookEndpointTest(@Arg('input', { description: 'The endpoint' }) input: WebhookEndpointInput, @Ctx() ctx: StewardContext): Promise<WebhookDeliveryPayload> {
    const id = endpointIdOf(input);
    return mutate(
      ctx,
      { action: 'webhookEndpoint.test', entityType: 'WebhookEndpoint', entityId: id },
      async () => ({ webhookDelivery: await sendTestEvent(ctx, id), userErrors: [] }),
      () => ({ webhookDelivery: null }),
    );
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @Query(() => WebhookDeliveryConnection, { nullable: true, description: 'The delivery log, newest first' })
  webhookDeliveries(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true, description: 'Only deliveries matching these conditions; all when null' })
    filter: WebhookDeliveryFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<WebhookDelivery>> {
    return listDeliveries(ctx, page, filter, Selection.of(info, true));
  }

  @FieldResolver(() => WebhookEndpoint, { nullable: true, description: 'Where the delivery goes' })
  endpoint(@Root() delivery: WebhookDelivery, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<WebhookEndpoint | null> {
    return readByIdFor(ctx, webhookEndpointReads, info).load(delivery.endpointId);
  }

  @FieldResolver(() => WebhookDelivery, { nullable: true, description: 'The delivery this one sends again, for redeliveries' })
  redeliveryOf(@Root() delivery: WebhookDelivery, @Ctx() ctx: StewardContext, @Info() info: GraphQLResolveInfo): Promise<WebhookDelivery | null> | null {
    return delivery.redeliveryOfId ? readByIdFor(ctx, webhookDeliveryReads, info).load(delivery.redeliveryOfId) : null;
  }

  @FieldResolver(() => [WebhookDeliveryAttempt], { description: 'Every attempt so far, oldest first (at most eight)' })
  attemptLog(@Root() delivery: WebhookDelivery, @Ctx() ctx: StewardContext): Promise<WebhookDeliveryAttempt[]> {
    return loader(ctx, attemptsByDelivery).load(delivery.uuid);
  }

  @Mutation(() => WebhookDeliveryPayload, { nullable: true, description: 'Sends the event of a finished delivery again, with the same webhook-id' })
  webhookDeliveryRedeliver(
    @Arg('input', { description: 'The delivery to send again' }) input: WebhookDeliveryInput,
    @Ctx() ctx: StewardContext,
  ): Promise<WebhookDeliveryPayload> {
    const id = expectGlobalId(input.webhookDeliveryId, 'WebhookDelivery', 'input.webhookDeliveryId');
    return mutate(
      ctx,
      { action: 'webhookDelivery.redeliver', entityType: 'WebhookDelivery', entityId: id },
      async () => ({ webhookDelivery: await redeliver(ctx, id), userErrors: [] }),
      () => ({ webhookDelivery: null }),
    );
  }
}
