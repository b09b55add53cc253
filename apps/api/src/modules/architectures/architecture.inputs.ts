import { ArrayMaxSize, Length, MaxLength } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType } from 'type-graphql';
import { ArchitectureEnvironment, ArchitectureStatus, CloudProvider } from './architecture.entity';

@InputType({ description: 'One service on the canvas; the list given replaces the design’s services' })
export class ArchitectureServiceInput {
  @Field(() => String, { nullable: true, description: 'Stable key within the design (1-40 letters, digits, - or _); generated when null' })
  key?: string | null;
  @Field({ description: 'Catalogue type, `<provider>.<kind>` (see architectureCatalogue)' }) type: string;
  @Field({ description: 'Display name (1-80 characters)' }) name: string;
  @Field(() => Float, { description: 'Horizontal canvas position' }) x: number;
  @Field(() => Float, { description: 'Vertical canvas position' }) y: number;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Configuration: size (small, medium, large) and kind-specific settings' })
  properties?: Record<string, unknown> | null;
  @Field(() => [String], { defaultValue: [], description: 'Keys of the services this one connects to' }) connections: string[];
}

@InputType({ description: 'Component toggles: true adds a service of that kind when there is none, false removes the services of that kind' })
export class ArchitectureComponentsInput {
  @Field(() => Boolean, { nullable: true, description: 'VPC / VNet' }) vpc?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Kubernetes cluster' }) kubernetes?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Relational database' }) relational_db?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Object storage' }) object_storage?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Monitoring / observability' }) monitoring?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Load balancer' }) load_balancer?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Caching layer' }) cache?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Message queue' }) message_queue?: boolean | null;
}

@InputType({ description: 'A new architecture; it starts as a draft' })
export class ArchitectureCreateInput {
  @Field({ description: 'Name, unique within the tenant (1-120 characters)' }) @Length(1, 120) name: string;
  @Field({ defaultValue: '', description: 'What the design is for (at most 2000 characters)' }) @MaxLength(2000) description: string;
  @Field(() => CloudProvider, { description: 'The cloud it runs on' }) cloudProvider: CloudProvider;
  @Field({ description: 'Primary region, one the price table knows for the provider (see architectureCatalogue)' }) region: string;
  @Field(() => ArchitectureEnvironment, { description: 'The environment it is for' }) environment: ArchitectureEnvironment;
  @Field(() => [String], { defaultValue: [], description: 'Tags (at most 20)' }) @ArrayMaxSize(20) tags: string[];
  @Field(() => [ArchitectureServiceInput], { defaultValue: [], description: 'Services on the canvas (at most 100)' })
  @ArrayMaxSize(100)
  services: ArchitectureServiceInput[];
  @Field(() => ArchitectureComponentsInput, { nullable: true, description: 'Component toggles, applied after services' })
  components?: ArchitectureComponentsInput | null;
}

@InputType({ description: 'Saves a design: only the fields given change; an active design gets a new version' })
export class ArchitectureUpdateInput {
  @Field(() => ID, { description: 'The architecture to save' }) architectureId: string;
  @Field({ nullable: true, description: 'New name (1-120 characters)' }) @Length(1, 120) name?: string;
  @Field({ nullable: true, description: 'New description' }) @MaxLength(2000) description?: string;
  @Field(() => CloudProvider, { nullable: true, description: 'New provider; every service must belong to it' }) cloudProvider?: CloudProvider;
  @Field({ nullable: true, description: 'New primary region' }) region?: string;
  @Field(() => ArchitectureEnvironment, { nullable: true, description: 'New environment' }) environment?: ArchitectureEnvironment;
  @Field(() => [String], { nullable: true, description: 'Replaces the tags' }) @ArrayMaxSize(20) tags?: string[];
  @Field(() => [ArchitectureServiceInput], { nullable: true, description: 'Replaces the services on the canvas' })
  @ArrayMaxSize(100)
  services?: ArchitectureServiceInput[];
  @Field(() => ArchitectureComponentsInput, { nullable: true, description: 'Component toggles, applied after services' })
  components?: ArchitectureComponentsInput | null;
}

@InputType({ description: 'The architecture to activate or archive' })
export class ArchitectureLifecycleInput {
  @Field(() => ID, { description: 'Global id of the architecture' }) architectureId: string;
}

@InputType({ description: 'Narrows a list of architectures; conditions combine with AND' })
export class ArchitectureFilter {
  @Field(() => [ArchitectureStatus], { nullable: true, description: 'Any of these statuses' }) statuses?: ArchitectureStatus[];
  @Field(() => [CloudProvider], { nullable: true, description: 'Any of these providers' }) cloudProviders?: CloudProvider[];
  @Field(() => [ArchitectureEnvironment], { nullable: true, description: 'Any of these environments' }) environments?: ArchitectureEnvironment[];
  @Field(() => String, { nullable: true, description: 'Name contains this text, ignoring case' }) search?: string | null;
}
