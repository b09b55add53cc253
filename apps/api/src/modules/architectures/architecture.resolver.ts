import type { GraphQLResolveInfo } from 'graphql';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Arg, Args, Ctx, Field, FieldResolver, ID, Info, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { Connection, ConnectionArgs, connectionType } from '../../graphql/connection';
import { expectGlobalId } from '../../graphql/global-id';
import { loader } from '../../graphql/loader';
import { mutate } from '../../graphql/mutation';
import { Selection } from '../../graphql/read-model';
import { DecimalScalar } from '../../graphql/scalars';
import { Agent } from '../agents';
import { CostEntry, todayUtc } from '../costs';
import { PolicyDecision, PolicyViolation } from '../policies';
import { User, userById } from '../users';
import { CATALOGUE, PROVIDERS, REGIONS } from './architecture.catalogue';
import { Architecture, ArchitectureVersion } from './architecture.entity';
import { ArchitectureCreateInput, ArchitectureFilter, ArchitectureLifecycleInput, ArchitectureUpdateInput } from './architecture.inputs';
import { ArchitectureAction } from './architecture.lifecycle';
import { architectureById, architectureSpend, architectureVersionsOf, architectureViolationsOf } from './architecture.loaders';
import { ArchitectureDiff, ArchitecturePayload, ArchitectureTerraformPayload } from './architecture.payloads';
import { PRICE_TABLE } from './architecture.prices';
import {
  architectureDiff,
  changeArchitectureLifecycle,
  createArchitecture,
  findArchitecture,
  listArchitectures,
  updateArchitecture,
} from './architecture.service';
import { generateArchitectureTerraform } from './architecture-terraform.service';

export const ArchitectureConnection = connectionType(Architecture, 'Architecture');

@ObjectType({ description: 'A kind of service a design can place' })
export class ArchitectureServiceType {
  @Field({ description: 'The type a service holds, `<provider>.<kind>`' }) type: string;
  @Field({ description: 'Provider: aws, gcp or azure' }) provider: string;
  @Field({ description: 'Component kind: vpc, kubernetes, relational_db, object_storage, monitoring, load_balancer, cache or message_queue' }) kind: string;
  @Field({ description: 'Product name' }) label: string;
  @Field(() => [String], { description: 'Sizes the price table knows' }) sizes: string[];
  @Field({ description: 'Size used when none is set' }) defaultSize: string;
  @Field(() => [String], { description: 'Terraform resource types generated for it' }) resources: string[];
}

@ObjectType({ description: 'Regions a provider can be designed for' })
export class ProviderRegions {
  @Field({ description: 'aws, gcp or azure' }) provider: string;
  @Field(() => [String], { description: 'Region names' }) regions: string[];
}

@ObjectType({ description: 'What a design can contain, and the price table behind estimates' })
export class ArchitectureCatalogue {
  @Field(() => [ArchitectureServiceType], { description: 'Every service type, per provider' }) serviceTypes: ArchitectureServiceType[];
  @Field(() => [ProviderRegions], { description: 'Regions per provider' }) regions: ProviderRegions[];
  @Field({ description: 'Date of the price table' }) priceTableAsOf: string;
  @Field({ description: 'Where the prices come from' }) priceTableSource: string;
}

@ObjectType({ description: "An architecture's actual spend in one calendar month, beside its estimate" })
export class ArchitectureSpend {
  @Field(() => GraphQLLocalDate, { description: 'First day of the month' }) month: string;
  @Field(() => DecimalScalar, { description: 'USD spent: cost entries of the architecture and of agents running on it, each counted once' }) amount: string;
  @Field(() => Int, { description: 'How many cost entries count' }) entries: number;
  @Field(() => DecimalScalar, { description: 'The monthly estimate, for comparison' }) estimated: string;
}

const noArchitecture = () => ({ architecture: null, heldForApproval: null, policyHolds: [], policyWarnings: [], policyViolations: [] });

function lifecycle(ctx: StewardContext, input: ArchitectureLifecycleInput, action: ArchitectureAction): Promise<ArchitecturePayload> {
  const id = expectGlobalId(input.architectureId, 'Architecture', 'input.architectureId');
  return mutate(
    ctx,
    { action: `architecture.${action}`, entityType: 'Architecture', entityId: id },
    () => changeArchitectureLifecycle(ctx, id, action),
    noArchitecture,
  );
}

@Resolver(() => Architecture)
export class ArchitectureResolver {
  @Query(() => ArchitectureConnection, { nullable: true, description: "The tenant's architectures, newest first" })
  architectures(
    @Args() page: ConnectionArgs,
    @Arg('filter', () => ArchitectureFilter, { nullable: true, description: 'Only architectures matching these conditions' }) filter: ArchitectureFilter | null,
    @Ctx() ctx: StewardContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Architecture>> {
    return listArchitectures(ctx, page, filter, Selection.of(info, true));
  }

  @Query(() => Architecture, { nullable: true, description: 'One architecture by id' })
  architecture(@Arg('id', () => ID, { description: 'Global id of the architecture' }) id: string, @Ctx() ctx: StewardContext): Promise<Architecture> {
    return findArchitecture(ctx, expectGlobalId(id, 'Architecture', 'id'));
  }

  @Query(() => ArchitectureCatalogue, { nullable: true, description: 'The service palette per provider, regions, and the price table date' })
  architectureCatalogue(): ArchitectureCatalogue {
    return {
      serviceTypes: CATALOGUE,
      regions: PROVIDERS.map((provider) => ({ provider, regions: REGIONS[provider] })),
      priceTableAsOf: PRICE_TABLE.asOf,
      priceTableSource: PRICE_TABLE.source,
    };
  }

  @Query(() => ArchitectureDiff, { nullable: true, description: 'What changed between two versions of a design, or from a version to the design now' })
  architectureDiff(
    @Arg('id', () => ID, { description: 'Global id of the architecture' }) id: string,
    @Arg('fromVersion', () => Int, { description: 'The earlier version' }) fromVersion: number,
    @Arg('toVersion', () => Int, { nullable: true, description: 'The later version; the design as it is now when null' }) toVersion: number | null,
    @Ctx() ctx: StewardContext,
  ): Promise<ArchitectureDiff> {
    return architectureDiff(ctx, expectGlobalId(id, 'Architecture', 'id'), fromVersion, toVersion ?? null);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who created it; null when the user is gone or a partner app did' })
  createdBy(@Root() a: Architecture, @Ctx() ctx: StewardContext): Promise<User | null> | null {
    return a.createdById ? loader(ctx, userById).load(a.createdById) : null;
  }

  @FieldResolver(() => [ArchitectureVersion], { description: 'Saved versions, newest first (at most 100)' })
  versions(@Root() a: Architecture, @Ctx() ctx: StewardContext): Promise<ArchitectureVersion[]> {
    return loader(ctx, architectureVersionsOf).load(a.uuid);
  }

  @FieldResolver(() => ArchitectureSpend, { nullable: true, description: 'Actual spend in a month beside the estimate; for admins, developers and analysts' })
  async spend(
    @Root() a: Architecture,
    @Arg('month', () => GraphQLLocalDate, { nullable: true, description: 'Any day of the month; the current month (UTC) when null' }) month: string | null,
    @Ctx() ctx: StewardContext,
  ): Promise<ArchitectureSpend> {
    const day = month ?? todayUtc();
    const first = `${day.slice(0, 7)}-01`;
    const row = await loader(ctx, architectureSpend).load([a.uuid, first]);
    return { month: first, amount: row.amount, entries: row.entries, estimated: a.estimatedCost };
  }

  @FieldResolver(() => [PolicyViolation], {
    nullable: true,
    description: 'Open, blocked and waived policy violations of the design, newest first (at most 50)',
  })
  violations(@Root() a: Architecture, @Ctx() ctx: StewardContext): Promise<PolicyViolation[]> {
    return loader(ctx, architectureViolationsOf).load(a.uuid);
  }

  @Mutation(() => ArchitecturePayload, { nullable: true, description: 'Creates a draft architecture, if the architecture policies allow it' })
  architectureCreate(
    @Arg('input', { description: 'The new architecture' }) input: ArchitectureCreateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ArchitecturePayload> {
    return mutate(ctx, { action: 'architecture.create', entityType: 'Architecture' }, () => createArchitecture(ctx, input), noArchitecture);
  }

  @Mutation(() => ArchitecturePayload, { nullable: true, description: 'Saves a design; an active one gets a new version. Judged by the architecture policies' })
  architectureUpdate(
    @Arg('input', { description: 'The architecture and what to change' }) input: ArchitectureUpdateInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ArchitecturePayload> {
    const id = expectGlobalId(input.architectureId, 'Architecture', 'input.architectureId');
    return mutate(ctx, { action: 'architecture.update', entityType: 'Architecture', entityId: id }, () => updateArchitecture(ctx, id, input), noArchitecture);
  }

  @Mutation(() => ArchitecturePayload, { nullable: true, description: 'draft → active, if the architecture policies allow it' })
  architectureActivate(
    @Arg('input', { description: 'The draft to activate' }) input: ArchitectureLifecycleInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ArchitecturePayload> {
    return lifecycle(ctx, input, 'activate');
  }

  @Mutation(() => ArchitecturePayload, { nullable: true, description: 'Retires a design for good: archived architectures are read-only' })
  architectureArchive(
    @Arg('input', { description: 'The architecture to archive' }) input: ArchitectureLifecycleInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ArchitecturePayload> {
    return lifecycle(ctx, input, 'archive');
  }

  @Mutation(() => ArchitectureTerraformPayload, { nullable: true, description: 'Generates Terraform from the design and records when' })
  architectureTerraformGenerate(
    @Arg('input', { description: 'The architecture to generate from' }) input: ArchitectureLifecycleInput,
    @Ctx() ctx: StewardContext,
  ): Promise<ArchitectureTerraformPayload> {
    const id = expectGlobalId(input.architectureId, 'Architecture', 'input.architectureId');
    return mutate(
      ctx,
      { action: 'architecture.terraform', entityType: 'Architecture', entityId: id },
      () => generateArchitectureTerraform(ctx, id),
      () => ({ architecture: null, terraform: null }),
    );
  }
}

@Resolver(() => Agent)
export class AgentArchitectureResolver {
  @FieldResolver(() => Architecture, { nullable: true, description: 'The cloud architecture the agent runs on; null when none is set' })
  architecture(@Root() agent: Agent, @Ctx() ctx: StewardContext): Promise<Architecture | null> | null {
    return agent.architectureId ? loader(ctx, architectureById).load(agent.architectureId) : null;
  }
}

@Resolver(() => PolicyViolation)
export class ViolationArchitectureResolver {
  @FieldResolver(() => Architecture, { nullable: true, description: 'The architecture that broke the rule, for architecture policies; null otherwise' })
  architecture(@Root() v: PolicyViolation, @Ctx() ctx: StewardContext): Promise<Architecture | null> | null {
    return v.architectureId ? loader(ctx, architectureById).load(v.architectureId) : null;
  }
}

@Resolver(() => PolicyDecision)
export class DecisionArchitectureResolver {
  @FieldResolver(() => Architecture, { nullable: true, description: 'The architecture judged, for architecture policies; null otherwise' })
  architecture(@Root() d: PolicyDecision, @Ctx() ctx: StewardContext): Promise<Architecture | null> | null {
    return d.architectureId ? loader(ctx, architectureById).load(d.architectureId) : null;
  }
}

@Resolver(() => CostEntry)
export class CostEntryArchitectureResolver {
  @FieldResolver(() => Architecture, {
    nullable: true,
    description: 'The architecture the entry counts toward: the one its architecture name matched when recorded',
  })
  linkedArchitecture(@Root() e: CostEntry, @Ctx() ctx: StewardContext): Promise<Architecture | null> | null {
    return e.architectureId ? loader(ctx, architectureById).load(e.architectureId) : null;
  }
}
