/**
 * The services a design can place, per provider: one per kind of component (the seed's components
 * object), with the sizes the price table knows and the Terraform resources the generator writes.
 */
export type Provider = 'aws' | 'gcp' | 'azure';
export const PROVIDERS: Provider[] = ['aws', 'gcp', 'azure'];

export type ServiceKind = 'vpc' | 'kubernetes' | 'relational_db' | 'object_storage' | 'monitoring' | 'load_balancer' | 'cache' | 'message_queue';
export const SERVICE_KINDS: ServiceKind[] = ['vpc', 'kubernetes', 'relational_db', 'object_storage', 'monitoring', 'load_balancer', 'cache', 'message_queue'];

export interface CatalogueEntry {
  /** `${provider}.${kind}`: what a service's type holds. */
  type: string;
  provider: Provider;
  kind: ServiceKind;
  label: string;
  sizes: string[];
  defaultSize: string;
  /** The Terraform resource types the generator writes for one such service. */
  resources: string[];
}

const SIZES = ['small', 'medium', 'large'];

const LABELS: Record<Provider, Record<ServiceKind, [string, string[]]>> = {
  aws: {
    vpc: ['Amazon VPC', ['aws_vpc', 'aws_subnet']],
    kubernetes: ['Amazon EKS', ['aws_eks_cluster']],
    relational_db: ['Amazon RDS (PostgreSQL)', ['aws_db_subnet_group', 'aws_db_instance']],
    object_storage: [
      'Amazon S3',
      ['aws_s3_bucket', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning'],
    ],
    monitoring: ['Amazon CloudWatch', ['aws_cloudwatch_log_group', 'aws_cloudwatch_metric_alarm']],
    load_balancer: ['Application Load Balancer', ['aws_lb']],
    cache: ['Amazon ElastiCache (Redis)', ['aws_elasticache_replication_group']],
    message_queue: ['Amazon SQS', ['aws_sqs_queue']],
  },
  gcp: {
    vpc: ['VPC network', ['google_compute_network', 'google_compute_subnetwork']],
    kubernetes: ['Google Kubernetes Engine', ['google_container_cluster']],
    relational_db: ['Cloud SQL (PostgreSQL)', ['google_sql_database_instance']],
    object_storage: ['Cloud Storage', ['google_storage_bucket']],
    monitoring: ['Cloud Monitoring', ['google_monitoring_alert_policy']],
    load_balancer: ['Cloud Load Balancing', ['google_compute_global_address']],
    cache: ['Memorystore (Redis)', ['google_redis_instance']],
    message_queue: ['Pub/Sub', ['google_pubsub_topic']],
  },
  azure: {
    vpc: ['Virtual Network', ['azurerm_virtual_network', 'azurerm_subnet']],
    kubernetes: ['Azure Kubernetes Service', ['azurerm_kubernetes_cluster']],
    relational_db: ['Azure Database for PostgreSQL', ['azurerm_postgresql_flexible_server']],
    object_storage: ['Azure Blob Storage', ['azurerm_storage_account']],
    monitoring: ['Azure Monitor (Log Analytics)', ['azurerm_log_analytics_workspace']],
    load_balancer: ['Azure Load Balancer', ['azurerm_lb']],
    cache: ['Azure Cache for Redis', ['azurerm_redis_cache']],
    message_queue: ['Azure Service Bus', ['azurerm_servicebus_namespace']],
  },
};

export const CATALOGUE: CatalogueEntry[] = PROVIDERS.flatMap((provider) =>
  SERVICE_KINDS.map((kind) => ({
    type: `${provider}.${kind}`,
    provider,
    kind,
    label: LABELS[provider][kind][0],
    sizes: SIZES,
    defaultSize: 'small',
    resources: LABELS[provider][kind][1],
  })),
);

const BY_TYPE = new Map(CATALOGUE.map((e) => [e.type, e]));

export function catalogueEntry(type: string): CatalogueEntry | undefined {
  return BY_TYPE.get(type);
}

/** The providers whose services a design of `cloudProvider` may place. */
export function providersOf(cloudProvider: string): Provider[] {
  return cloudProvider === 'multi-cloud' ? PROVIDERS : PROVIDERS.filter((p) => p === cloudProvider);
}

/** Regions the price table knows, per provider; the first is where a multi-cloud design's other providers are priced. */
export const REGIONS: Record<Provider, string[]> = {
  aws: ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'],
  gcp: ['us-central1', 'us-east1', 'europe-west1', 'europe-west4'],
  azure: ['eastus', 'westus2', 'westeurope', 'northeurope'],
};

export function regionProvider(region: string): Provider | undefined {
  return PROVIDERS.find((p) => REGIONS[p].includes(region));
}
