import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { DecimalScalar } from '../../graphql/scalars';

export enum CloudProvider {
  AWS = 'aws',
  GCP = 'gcp',
  AZURE = 'azure',
  MULTI_CLOUD = 'multi-cloud',
}
registerEnumType(CloudProvider, {
  name: 'CloudProvider',
  description: 'The cloud an architecture runs on; multi-cloud designs place services of several providers',
  valuesConfig: {
    AWS: { description: 'Amazon Web Services' },
    GCP: { description: 'Google Cloud' },
    AZURE: { description: 'Microsoft Azure' },
    MULTI_CLOUD: { description: 'Services of more than one provider; Terraform gets one module per provider' },
  },
});

export enum ArchitectureEnvironment {
  DEV = 'dev',
  STAGING = 'staging',
  PRODUCTION = 'production',
}
registerEnumType(ArchitectureEnvironment, {
  name: 'ArchitectureEnvironment',
  description: 'Which environment a design is for',
  valuesConfig: { DEV: { description: 'Development' }, STAGING: { description: 'Staging / pre-production' }, PRODUCTION: { description: 'Production' } },
});

export enum ArchitectureStatus {
  DRAFT = 'draft',
  ACTIVE = 'active',
  ARCHIVED = 'archived',
}
registerEnumType(ArchitectureStatus, {
  name: 'ArchitectureStatus',
  description: 'Where a design stands: drafts change freely, active designs are versioned on every save, archived ones are read-only',
  valuesConfig: {
    DRAFT: { description: 'Being designed; saves change it in place' },
    ACTIVE: { description: 'In use; every save adds a version' },
    ARCHIVED: { description: 'Retired and read-only' },
  },
});

@ObjectType({ description: 'A position on the design canvas, in canvas pixels' })
export class CanvasPosition {
  @Field(() => Float, { description: 'Horizontal position' }) x: number;
  @Field(() => Float, { description: 'Vertical position' }) y: number;
}

@ObjectType({ description: 'One service placed on the design canvas' })
export class ArchitectureService {
  @Field({ description: 'The service within its design (stable across saves; connections name it)' }) key: string;
  @Field({ description: 'Catalogue type, `<provider>.<kind>`, e.g. aws.object_storage (see architectureCatalogue)' }) type: string;
  @Field({ description: 'Display name on the canvas, also the base of its Terraform names' }) name: string;
  @Field(() => CanvasPosition, { description: 'Where it sits on the canvas' }) position: CanvasPosition;
  @Field(() => GraphQLJSONObject, { description: 'Service configuration: size (small, medium, large) and kind-specific settings such as publicAccess' })
  properties: Record<string, unknown>;
  @Field(() => [String], { description: 'Keys of the services this one connects to' }) connections: string[];
}

@ObjectType({ description: 'Which kinds of infrastructure a design includes; each follows from the services placed' })
export class ArchitectureComponents {
  @Field({ description: 'A VPC / VNet' }) vpc: boolean;
  @Field({ description: 'A Kubernetes cluster' }) kubernetes: boolean;
  @Field({ description: 'A relational database' }) relational_db: boolean;
  @Field({ description: 'Object storage' }) object_storage: boolean;
  @Field({ description: 'Monitoring / observability' }) monitoring: boolean;
  @Field({ description: 'A load balancer' }) load_balancer: boolean;
  @Field({ description: 'A caching layer' }) cache: boolean;
  @Field({ description: 'A message queue' }) message_queue: boolean;
}

@ObjectType({ description: "One service's share of a design's monthly estimate" })
export class ArchitectureEstimateLine {
  @Field({ description: 'The service (its key on the canvas)' }) serviceKey: string;
  @Field({ description: 'The service name' }) serviceName: string;
  @Field({ description: 'Catalogue type of the service' }) type: string;
  @Field({ description: 'Size priced' }) size: string;
  @Field({ description: 'Region priced' }) region: string;
  @Field(() => DecimalScalar, { description: 'Monthly list price in USD' }) monthly: string;
}

@ObjectType({ implements: Node, description: 'A cloud architecture design: services on a canvas, Terraform generated from it, its monthly estimate' })
@Entity('architectures')
export class Architecture implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Global id of the architecture (use with node(id:) and in inputs)' })
  get id(): string {
    return toGlobalId('Architecture', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field({ description: 'Name, unique within the tenant ignoring case (1-120 characters)' }) @Column('text') name: string;
  @Field({ description: 'What the design is for; empty when none was given' }) @Column('text') description: string;
  @Field(() => CloudProvider, { description: 'The cloud it runs on' }) @Column('text') cloudProvider: CloudProvider;
  @Field({ description: 'Primary region, e.g. us-east-1' }) @Column('text') region: string;
  @Field(() => ArchitectureEnvironment, { description: 'The environment it is for' }) @Column('text') environment: ArchitectureEnvironment;
  @Field(() => ArchitectureStatus, { description: 'Draft, active or archived; changed only by architectureActivate and architectureArchive' })
  @Column('text')
  status: ArchitectureStatus;
  @Field(() => ArchitectureComponents, { description: 'Which kinds of infrastructure the services include' })
  @Column('jsonb')
  components: ArchitectureComponents;
  @Field(() => [ArchitectureService], { description: 'The services on the canvas' }) @Column('jsonb') services: ArchitectureService[];
  @Field(() => [String], { description: 'Tags for organisation; tag-scoped architecture policies match them' }) @Column('text', { array: true }) tags: string[];
  @Field(() => DecimalScalar, { nullable: true, description: 'Monthly estimated cost in USD, recomputed on every save; for admins, developers and analysts' })
  @Column('numeric')
  estimatedCost: string;
  @Field(() => [ArchitectureEstimateLine], { nullable: true, description: 'The estimate per service; for admins, developers and analysts' })
  @Column('jsonb')
  estimate: ArchitectureEstimateLine[];
  @Field({ description: 'Whether Terraform has been generated from the design' }) @Column('boolean') terraformGenerated: boolean;
  @Field(() => Date, { nullable: true, description: 'When Terraform was last generated; null when never' })
  @Column('timestamptz', { nullable: true })
  lastTerraformGen: Date | null;
  @Field(() => Int, { description: 'The latest saved version; an active design adds one on every save' }) @Column('int') version: number;
  @Field(() => Date, { nullable: true, description: 'When the design was last activated' }) @Column('timestamptz', { nullable: true }) activatedAt: Date | null;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When it was created' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it last changed' }) @Column('timestamptz') updatedAt: Date;
}

/** The design as a version keeps it. */
export interface ArchitectureDesign {
  name: string;
  description: string;
  cloudProvider: CloudProvider;
  region: string;
  environment: ArchitectureEnvironment;
  tags: string[];
  components: ArchitectureComponents;
  services: ArchitectureService[];
}

@ObjectType({ description: 'A design as it was saved at one version' })
@Entity('architecture_versions')
export class ArchitectureVersion {
  @PrimaryGeneratedColumn('uuid', { name: 'id' }) uuid: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') architectureId: string;
  @Field(() => Int, { description: 'Version number, from 1' }) @Column('int') version: number;
  @Field({ description: 'What saved it: create, save (of an active design) or activate' }) @Column('text') reason: string;
  @Column('jsonb') design: ArchitectureDesign;
  @Field(() => DecimalScalar, { nullable: true, description: 'The monthly estimate at this version, USD; for admins, developers and analysts' })
  @Column('numeric')
  estimatedCost: string;
  @Column('uuid', { nullable: true }) createdById: string | null;
  @Field({ description: 'When this version was saved' }) @Column('timestamptz') createdAt: Date;
}
