import { catalogueEntry, PROVIDERS, Provider, REGIONS, ServiceKind } from '../architecture.catalogue';
import type { ArchitectureService } from '../architecture.entity';

/** What the generator reads of a design. */
export interface TerraformDesign {
  name: string;
  cloudProvider: string;
  region: string;
  environment: string;
  tags: string[];
  services: ArchitectureService[];
}

export interface GeneratedFile {
  path: string;
  content: string;
}

interface Variable {
  name: string;
  type: string;
  description: string;
  default?: string;
}

interface Output {
  name: string;
  value: string;
  description: string;
}

/** One provider's part of a design, as HCL blocks plus the variables and outputs they need. */
interface ProviderPart {
  resources: string[];
  variables: Variable[];
  outputs: Output[];
}

const q = (s: string) => JSON.stringify(s);

/** A Terraform label: lower case letters, digits and underscores, starting with a letter. */
export function label(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return /^[a-z]/.test(s) ? s.slice(0, 40) : `s_${s}`.slice(0, 40);
}

const hyphen = (l: string) => l.replace(/_/g, '-');

function labelled(services: ArchitectureService[]): { service: ArchitectureService; kind: ServiceKind; id: string }[] {
  const used = new Set<string>();
  return services.map((service) => {
    let id = label(service.name);
    for (let n = 2; used.has(id); n++) id = `${label(service.name)}_${n}`;
    used.add(id);
    return { service, kind: catalogueEntry(service.type)!.kind, id };
  });
}

function sizeOf(s: ArchitectureService): 'small' | 'medium' | 'large' {
  const size = s.properties.size;
  return size === 'medium' || size === 'large' ? size : 'small';
}

const tagsMap = (design: TerraformDesign) =>
  `{
    environment = ${q(design.environment)}
    managed_by  = "steward"
    design      = ${q(design.name)}${design.tags.length ? `\n    steward_tags = ${q(design.tags.join(','))}` : ''}
  }`;

function aws(design: TerraformDesign, services: ArchitectureService[]): ProviderPart {
  const prod = design.environment === 'production';
  const items = labelled(services);
  const vpc = items.find((i) => i.kind === 'vpc');
  const variables: Variable[] = [];
  const needSubnets = () => {
    if (vpc) return `aws_subnet.${vpc.id}_private[*].id`;
    if (!variables.some((v) => v.name === 'subnet_ids'))
      variables.push({ name: 'subnet_ids', type: 'list(string)', description: 'Private subnets to place services in' });
    return 'var.subnet_ids';
  };
  const resources: string[] = [];
  const outputs: Output[] = [];
  for (const { service, kind, id } of items) {
    const size = sizeOf(service);
    const name = `"\${var.name_prefix}-${hyphen(id)}"`;
    switch (kind) {
      case 'vpc':
        resources.push(`data "aws_availability_zones" "${id}" {
  state = "available"
}

resource "aws_vpc" "${id}" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags = {
    Name = ${name}
  }
}

# Private subnets only: nothing in this network gets a public address by default.
resource "aws_subnet" "${id}_private" {
  count                   = ${size === 'small' ? 2 : 3}
  vpc_id                  = aws_vpc.${id}.id
  cidr_block              = cidrsubnet(aws_vpc.${id}.cidr_block, 8, count.index)
  availability_zone       = data.aws_availability_zones.${id}.names[count.index]
  map_public_ip_on_launch = false
  tags = {
    Name = "\${var.name_prefix}-${hyphen(id)}-private-\${count.index}"
  }
}`);
        outputs.push({ name: `${id}_vpc_id`, value: `aws_vpc.${id}.id`, description: `VPC of ${service.name}` });
        break;
      case 'kubernetes':
        if (!variables.some((v) => v.name === 'eks_cluster_role_arn'))
          variables.push({ name: 'eks_cluster_role_arn', type: 'string', description: 'IAM role the EKS control plane assumes' });
        resources.push(`resource "aws_kms_key" "${id}" {
  description             = "Encrypts Kubernetes secrets of ${id}"
  enable_key_rotation     = true
  deletion_window_in_days = 30
}

resource "aws_eks_cluster" "${id}" {
  name     = ${name}
  role_arn = var.eks_cluster_role_arn
  version  = "1.31"

  vpc_config {
    subnet_ids              = ${needSubnets()}
    endpoint_private_access = true
    endpoint_public_access  = false
  }

  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.${id}.arn
    }
  }
}`);
        outputs.push({ name: `${id}_endpoint`, value: `aws_eks_cluster.${id}.endpoint`, description: `API endpoint of ${service.name}` });
        break;
      case 'relational_db': {
        const cls = { small: 'db.t3.micro', medium: 'db.m5.large', large: 'db.m5.2xlarge' }[size];
        const storage = { small: 20, medium: 100, large: 500 }[size];
        resources.push(`resource "aws_db_subnet_group" "${id}" {
  name       = ${name}
  subnet_ids = ${needSubnets()}
}

resource "aws_db_instance" "${id}" {
  identifier                  = ${name}
  engine                      = "postgres"
  engine_version              = "16"
  instance_class              = "${cls}"
  allocated_storage           = ${storage}
  storage_encrypted           = true
  publicly_accessible         = false
  db_subnet_group_name        = aws_db_subnet_group.${id}.name
  username                    = "steward_admin"
  manage_master_user_password = true
  backup_retention_period     = ${prod ? 30 : 7}
  multi_az                    = ${prod}
  deletion_protection         = ${prod}
  skip_final_snapshot         = ${!prod}${prod ? `\n  final_snapshot_identifier   = "\${var.name_prefix}-${hyphen(id)}-final"` : ''}
}`);
        outputs.push({ name: `${id}_endpoint`, value: `aws_db_instance.${id}.endpoint`, description: `Endpoint of ${service.name}` });
        break;
      }
      case 'object_storage': {
        const open = service.properties.publicAccess === true;
        resources.push(`resource "aws_s3_bucket" "${id}" {
  bucket_prefix = "\${var.name_prefix}-${hyphen(id).slice(0, 20)}-"
}

${open ? '# publicAccess is set on this service in the design: public access is NOT blocked.\n' : ''}resource "aws_s3_bucket_public_access_block" "${id}" {
  bucket                  = aws_s3_bucket.${id}.id
  block_public_acls       = ${!open}
  block_public_policy     = ${!open}
  ignore_public_acls      = ${!open}
  restrict_public_buckets = ${!open}
}

resource "aws_s3_bucket_server_side_encryption_configuration" "${id}" {
  bucket = aws_s3_bucket.${id}.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "${id}" {
  bucket = aws_s3_bucket.${id}.id
  versioning_configuration {
    status = "Enabled"
  }
}`);
        outputs.push({ name: `${id}_bucket`, value: `aws_s3_bucket.${id}.bucket`, description: `Bucket of ${service.name}` });
        break;
      }
      case 'monitoring':
        resources.push(`resource "aws_cloudwatch_log_group" "${id}" {
  name              = "/steward/\${var.name_prefix}/${id}"
  retention_in_days = ${prod ? 365 : 90}
}

resource "aws_cloudwatch_metric_alarm" "${id}" {
  alarm_name          = "\${var.name_prefix}-${hyphen(id)}-silent"
  alarm_description   = "No log events arrived for 15 minutes"
  comparison_operator = "LessThanThreshold"
  evaluation_periods  = 3
  metric_name         = "IncomingLogEvents"
  namespace           = "AWS/Logs"
  period              = 300
  statistic           = "Sum"
  threshold           = 1
  treat_missing_data  = "breaching"
  dimensions = {
    LogGroupName = aws_cloudwatch_log_group.${id}.name
  }
}`);
        outputs.push({ name: `${id}_log_group`, value: `aws_cloudwatch_log_group.${id}.name`, description: `Log group of ${service.name}` });
        break;
      case 'load_balancer': {
        const facing = service.properties.internetFacing === true;
        resources.push(`resource "aws_lb" "${id}" {
  name                       = substr(${name}, 0, 32)
  internal                   = ${!facing}
  load_balancer_type         = "application"
  subnets                    = ${needSubnets()}
  drop_invalid_header_fields = true
  enable_deletion_protection = ${prod}
}`);
        outputs.push({ name: `${id}_dns_name`, value: `aws_lb.${id}.dns_name`, description: `DNS name of ${service.name}` });
        break;
      }
      case 'cache': {
        const node = { small: 'cache.t3.micro', medium: 'cache.m5.large', large: 'cache.r5.xlarge' }[size];
        const nodes = prod ? 2 : 1;
        resources.push(`resource "aws_elasticache_subnet_group" "${id}" {
  name       = ${name}
  subnet_ids = ${needSubnets()}
}

resource "aws_elasticache_replication_group" "${id}" {
  replication_group_id       = ${name}
  description                = "Cache ${id}"
  engine                     = "redis"
  node_type                  = "${node}"
  num_cache_clusters         = ${nodes}
  automatic_failover_enabled = ${nodes > 1}
  subnet_group_name          = aws_elasticache_subnet_group.${id}.name
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
}`);
        outputs.push({
          name: `${id}_endpoint`,
          value: `aws_elasticache_replication_group.${id}.primary_endpoint_address`,
          description: `Primary endpoint of ${service.name}`,
        });
        break;
      }
      case 'message_queue':
        resources.push(`resource "aws_sqs_queue" "${id}" {
  name                      = ${name}
  sqs_managed_sse_enabled   = true
  message_retention_seconds = 345600
}`);
        outputs.push({ name: `${id}_url`, value: `aws_sqs_queue.${id}.url`, description: `URL of ${service.name}` });
        break;
    }
  }
  return { resources, variables, outputs };
}

function gcp(design: TerraformDesign, services: ArchitectureService[]): ProviderPart {
  const prod = design.environment === 'production';
  const items = labelled(services);
  const vpc = items.find((i) => i.kind === 'vpc');
  const variables: Variable[] = [{ name: 'project_id', type: 'string', description: 'Google Cloud project to create the resources in' }];
  const network = () => {
    if (vpc) return { network: `google_compute_network.${vpc.id}.id`, subnetwork: `google_compute_subnetwork.${vpc.id}.id` };
    if (!variables.some((v) => v.name === 'network_id')) {
      variables.push({ name: 'network_id', type: 'string', description: 'VPC network to attach services to' });
      variables.push({ name: 'subnetwork_id', type: 'string', description: 'Subnetwork to attach services to' });
    }
    return { network: 'var.network_id', subnetwork: 'var.subnetwork_id' };
  };
  const resources: string[] = [];
  const outputs: Output[] = [];
  for (const { service, kind, id } of items) {
    const size = sizeOf(service);
    const name = `"\${var.name_prefix}-${hyphen(id)}"`;
    switch (kind) {
      case 'vpc':
        resources.push(`resource "google_compute_network" "${id}" {
  name                    = ${name}
  auto_create_subnetworks = false
}

resource "google_compute_subnetwork" "${id}" {
  name                     = "\${var.name_prefix}-${hyphen(id)}-private"
  ip_cidr_range            = "10.10.0.0/20"
  region                   = var.region
  network                  = google_compute_network.${id}.id
  private_ip_google_access = true
}`);
        outputs.push({ name: `${id}_network`, value: `google_compute_network.${id}.id`, description: `Network of ${service.name}` });
        break;
      case 'kubernetes': {
        const n = network();
        resources.push(`resource "google_container_cluster" "${id}" {
  name                = ${name}
  location            = var.region
  enable_autopilot    = true
  network             = ${n.network}
  subnetwork          = ${n.subnetwork}
  deletion_protection = ${prod}

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
  }

  release_channel {
    channel = "${prod ? 'STABLE' : 'REGULAR'}"
  }
}`);
        outputs.push({ name: `${id}_endpoint`, value: `google_container_cluster.${id}.endpoint`, description: `API endpoint of ${service.name}` });
        break;
      }
      case 'relational_db': {
        const tier = { small: 'db-f1-micro', medium: 'db-custom-2-7680', large: 'db-custom-8-30720' }[size];
        resources.push(`resource "google_sql_database_instance" "${id}" {
  name                = ${name}
  database_version    = "POSTGRES_16"
  region              = var.region
  deletion_protection = ${prod}

  settings {
    tier              = "${tier}"
    availability_type = "${prod ? 'REGIONAL' : 'ZONAL'}"

    ip_configuration {
      ipv4_enabled    = false
      private_network = ${network().network}
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
    }
  }
}`);
        outputs.push({
          name: `${id}_connection_name`,
          value: `google_sql_database_instance.${id}.connection_name`,
          description: `Connection name of ${service.name}`,
        });
        break;
      }
      case 'object_storage': {
        const open = service.properties.publicAccess === true;
        resources.push(`${open ? '# publicAccess is set on this service in the design: public access prevention is inherited, not enforced.\n' : ''}resource "google_storage_bucket" "${id}" {
  name                        = "\${var.project_id}-\${var.name_prefix}-${hyphen(id)}"
  location                    = upper(var.region)
  uniform_bucket_level_access = true
  public_access_prevention    = "${open ? 'inherited' : 'enforced'}"
  force_destroy               = false

  versioning {
    enabled = true
  }
}`);
        outputs.push({ name: `${id}_bucket`, value: `google_storage_bucket.${id}.name`, description: `Bucket of ${service.name}` });
        break;
      }
      case 'monitoring':
        resources.push(`resource "google_monitoring_alert_policy" "${id}" {
  display_name = "\${var.name_prefix} ${id}: error logs"
  combiner     = "OR"

  conditions {
    display_name = "Error log entries"
    condition_threshold {
      filter          = "metric.type=\\"logging.googleapis.com/log_entry_count\\" AND metric.labels.severity=\\"ERROR\\""
      comparison      = "COMPARISON_GT"
      threshold_value = 10
      duration        = "300s"
      aggregations {
        alignment_period   = "300s"
        per_series_aligner = "ALIGN_RATE"
      }
    }
  }
}`);
        outputs.push({ name: `${id}_alert_policy`, value: `google_monitoring_alert_policy.${id}.name`, description: `Alert policy of ${service.name}` });
        break;
      case 'load_balancer': {
        const n = network();
        resources.push(`resource "google_compute_region_health_check" "${id}" {
  name   = "\${var.name_prefix}-${hyphen(id)}-health"
  region = var.region
  https_health_check {
    port = 443
  }
}

resource "google_compute_region_backend_service" "${id}" {
  name                  = ${name}
  region                = var.region
  load_balancing_scheme = "INTERNAL"
  protocol              = "TCP"
  health_checks         = [google_compute_region_health_check.${id}.id]
}

# Internal by default: reachable from the network only.
resource "google_compute_forwarding_rule" "${id}" {
  name                  = ${name}
  region                = var.region
  load_balancing_scheme = "INTERNAL"
  backend_service       = google_compute_region_backend_service.${id}.id
  ports                 = ["443"]
  network               = ${n.network}
  subnetwork            = ${n.subnetwork}
}`);
        outputs.push({ name: `${id}_address`, value: `google_compute_forwarding_rule.${id}.ip_address`, description: `Address of ${service.name}` });
        break;
      }
      case 'cache':
        resources.push(`resource "google_redis_instance" "${id}" {
  name                    = ${name}
  region                  = var.region
  tier                    = "${size === 'small' && !prod ? 'BASIC' : 'STANDARD_HA'}"
  memory_size_gb          = ${{ small: 1, medium: 5, large: 26 }[size]}
  authorized_network      = ${network().network}
  auth_enabled            = true
  transit_encryption_mode = "SERVER_AUTHENTICATION"
}`);
        outputs.push({ name: `${id}_host`, value: `google_redis_instance.${id}.host`, description: `Host of ${service.name}` });
        break;
      case 'message_queue':
        resources.push(`resource "google_pubsub_topic" "${id}" {
  name                       = ${name}
  message_retention_duration = "86400s"
}`);
        outputs.push({ name: `${id}_topic`, value: `google_pubsub_topic.${id}.id`, description: `Topic of ${service.name}` });
        break;
    }
  }
  return { resources, variables, outputs };
}

function azure(design: TerraformDesign, services: ArchitectureService[]): ProviderPart {
  const prod = design.environment === 'production';
  const items = labelled(services);
  const vpc = items.find((i) => i.kind === 'vpc');
  const variables: Variable[] = [{ name: 'subscription_id', type: 'string', description: 'Azure subscription to create the resources in' }];
  const subnet = () => {
    if (vpc) return `azurerm_subnet.${vpc.id}_private.id`;
    if (!variables.some((v) => v.name === 'subnet_id'))
      variables.push({ name: 'subnet_id', type: 'string', description: 'Private subnet to place services in' });
    return 'var.subnet_id';
  };
  const rg = `  location            = azurerm_resource_group.main.location
  resource_group_name = azurerm_resource_group.main.name`;
  const resources: string[] = [
    `resource "azurerm_resource_group" "main" {
  name     = "\${var.name_prefix}-rg"
  location = var.region
  tags     = local.tags
}`,
  ];
  const outputs: Output[] = [{ name: 'resource_group', value: 'azurerm_resource_group.main.name', description: 'Resource group holding the design' }];
  for (const { service, kind, id } of items) {
    const size = sizeOf(service);
    const name = `"\${var.name_prefix}-${hyphen(id)}"`;
    switch (kind) {
      case 'vpc':
        resources.push(`resource "azurerm_virtual_network" "${id}" {
  name                = ${name}
${rg}
  address_space       = ["10.20.0.0/16"]
}

resource "azurerm_subnet" "${id}_private" {
  name                 = "private"
  resource_group_name  = azurerm_resource_group.main.name
  virtual_network_name = azurerm_virtual_network.${id}.name
  address_prefixes     = ["10.20.1.0/24"]
}`);
        outputs.push({ name: `${id}_vnet_id`, value: `azurerm_virtual_network.${id}.id`, description: `Virtual network of ${service.name}` });
        break;
      case 'kubernetes':
        resources.push(`resource "azurerm_kubernetes_cluster" "${id}" {
  name                    = ${name}
${rg}
  dns_prefix              = "\${var.name_prefix}-${hyphen(id)}"
  private_cluster_enabled = true
  sku_tier                = "${prod ? 'Standard' : 'Free'}"

  default_node_pool {
    name           = "system"
    vm_size        = "${{ small: 'Standard_B2s', medium: 'Standard_D4s_v3', large: 'Standard_D8s_v3' }[size]}"
    node_count     = ${{ small: 2, medium: 3, large: 6 }[size]}
    vnet_subnet_id = ${subnet()}
  }

  identity {
    type = "SystemAssigned"
  }
}`);
        outputs.push({ name: `${id}_fqdn`, value: `azurerm_kubernetes_cluster.${id}.private_fqdn`, description: `Private API address of ${service.name}` });
        break;
      case 'relational_db':
        resources.push(`resource "azurerm_postgresql_flexible_server" "${id}" {
  name                          = ${name}
${rg}
  version                       = "16"
  sku_name                      = "${{ small: 'B_Standard_B1ms', medium: 'GP_Standard_D2ds_v4', large: 'GP_Standard_D8ds_v4' }[size]}"
  storage_mb                    = ${{ small: 32768, medium: 131072, large: 524288 }[size]}
  backup_retention_days         = ${prod ? 35 : 7}
  geo_redundant_backup_enabled  = ${prod}
  public_network_access_enabled = false

  authentication {
    active_directory_auth_enabled = true
    password_auth_enabled         = false
  }
}`);
        outputs.push({ name: `${id}_fqdn`, value: `azurerm_postgresql_flexible_server.${id}.fqdn`, description: `Address of ${service.name}` });
        break;
      case 'object_storage': {
        const open = service.properties.publicAccess === true;
        resources.push(`resource "azurerm_storage_account" "${id}" {
  name                              = substr(replace(lower("\${var.name_prefix}${id}"), "/[^a-z0-9]/", ""), 0, 24)
${rg}
  account_tier                      = "Standard"
  account_replication_type          = "${prod ? 'ZRS' : 'LRS'}"
  min_tls_version                   = "TLS1_2"
  https_traffic_only_enabled        = true
  infrastructure_encryption_enabled = true
  allow_nested_items_to_be_public   = ${open}

  blob_properties {
    versioning_enabled = true
    delete_retention_policy {
      days = 30
    }
  }
}`);
        outputs.push({ name: `${id}_account`, value: `azurerm_storage_account.${id}.name`, description: `Storage account of ${service.name}` });
        break;
      }
      case 'monitoring':
        resources.push(`resource "azurerm_log_analytics_workspace" "${id}" {
  name                = ${name}
${rg}
  sku                 = "PerGB2018"
  retention_in_days   = ${prod ? 365 : 90}
}`);
        outputs.push({ name: `${id}_workspace_id`, value: `azurerm_log_analytics_workspace.${id}.workspace_id`, description: `Workspace of ${service.name}` });
        break;
      case 'load_balancer':
        resources.push(`resource "azurerm_lb" "${id}" {
  name                = ${name}
${rg}
  sku                 = "Standard"

  # Internal by default: a private frontend in the design's subnet.
  frontend_ip_configuration {
    name                          = "internal"
    subnet_id                     = ${subnet()}
    private_ip_address_allocation = "Dynamic"
  }
}`);
        outputs.push({ name: `${id}_id`, value: `azurerm_lb.${id}.id`, description: `Load balancer ${service.name}` });
        break;
      case 'cache': {
        const [capacity, family, sku] = { small: [0, 'C', 'Basic'], medium: [1, 'C', 'Standard'], large: [1, 'P', 'Premium'] }[size];
        resources.push(`resource "azurerm_redis_cache" "${id}" {
  name                          = ${name}
${rg}
  capacity                      = ${capacity}
  family                        = "${family}"
  sku_name                      = "${sku}"
  minimum_tls_version           = "1.2"
  non_ssl_port_enabled          = false
  public_network_access_enabled = false
}`);
        outputs.push({ name: `${id}_hostname`, value: `azurerm_redis_cache.${id}.hostname`, description: `Host of ${service.name}` });
        break;
      }
      case 'message_queue':
        resources.push(`resource "azurerm_servicebus_namespace" "${id}" {
  name                = ${name}
${rg}
  sku                 = "${size === 'large' ? 'Premium' : 'Standard'}"${size === 'large' ? '\n  capacity            = 1' : ''}
  minimum_tls_version = "1.2"
  local_auth_enabled  = false
}`);
        outputs.push({ name: `${id}_endpoint`, value: `azurerm_servicebus_namespace.${id}.endpoint`, description: `Endpoint of ${service.name}` });
        break;
    }
  }
  return { resources, variables, outputs };
}

const PARTS: Record<Provider, (design: TerraformDesign, services: ArchitectureService[]) => ProviderPart> = { aws, gcp, azure };

const SOURCES: Record<Provider, { local: string; source: string; version: string }> = {
  aws: { local: 'aws', source: 'hashicorp/aws', version: '~> 6.0' },
  gcp: { local: 'google', source: 'hashicorp/google', version: '~> 6.0' },
  azure: { local: 'azurerm', source: 'hashicorp/azurerm', version: '~> 4.0' },
};

function regionFor(design: TerraformDesign, provider: Provider): string {
  return REGIONS[provider].includes(design.region) ? design.region : REGIONS[provider][0];
}

function variableBlock(v: Variable): string {
  return `variable "${v.name}" {
  description = ${q(v.description)}
  type        = ${v.type}${v.default !== undefined ? `\n  default     = ${q(v.default)}` : ''}
}`;
}

function outputBlock(o: Output): string {
  return `output "${o.name}" {
  description = ${q(o.description)}
  value       = ${o.value}
}`;
}

function requiredProviders(providers: Provider[], withTerraformVersion: boolean): string {
  const entries = providers
    .map((p) => `    ${SOURCES[p].local} = {\n      source  = "${SOURCES[p].source}"\n      version = "${SOURCES[p].version}"\n    }`)
    .join('\n');
  return `terraform {${withTerraformVersion ? '\n  required_version = ">= 1.6"\n' : ''}
  required_providers {
${entries}
  }
}
`;
}

function providerBlock(p: Provider, region: string): string {
  if (p === 'aws') return `provider "aws" {\n  region = ${region}\n\n  default_tags {\n    tags = local.tags\n  }\n}`;
  if (p === 'gcp') return `provider "google" {\n  project        = var.project_id\n  region         = ${region}\n  default_labels = local.labels\n}`;
  return `provider "azurerm" {\n  subscription_id = var.subscription_id\n  features {}\n}`;
}

const join = (blocks: string[]) => `${blocks.join('\n\n')}\n`;

/** A short, cloud-safe prefix for names: lower case letters, digits and hyphens. */
export function namePrefix(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 20)
      .replace(/-+$/, '') || 'steward'
  );
}

function locals(design: TerraformDesign): string {
  return `locals {
  tags = ${tagsMap(design)}
  labels = {
    environment = ${q(design.environment)}
    managed_by  = "steward"
  }
}`;
}

/**
 * Terraform for a design: a pure function, design in, files out. One provider writes a root module;
 * multi-cloud writes one module per provider under modules/, called from the root.
 */
export function generateTerraform(design: TerraformDesign): GeneratedFile[] {
  const providers = PROVIDERS.filter((p) => design.services.some((s) => s.type.startsWith(`${p}.`)));
  if (!providers.length && design.cloudProvider !== 'multi-cloud') providers.push(design.cloudProvider as Provider);
  const servicesOf = (p: Provider) => design.services.filter((s) => s.type.startsWith(`${p}.`));
  const common: Variable[] = [{ name: 'name_prefix', type: 'string', description: 'Prefix of every resource name', default: namePrefix(design.name) }];
  const header = `# Generated by Steward from the design "${design.name.replace(/[\r\n]/g, ' ')}" (${design.environment}). Review before applying.\n`;

  if (design.cloudProvider !== 'multi-cloud') {
    const p = providers[0];
    const part = PARTS[p](design, servicesOf(p));
    const region: Variable = { name: 'region', type: 'string', description: 'Region to deploy to', default: regionFor(design, p) };
    return [
      { path: 'versions.tf', content: header + requiredProviders([p], true) },
      { path: 'providers.tf', content: join([providerBlock(p, 'var.region'), locals(design)]) },
      { path: 'variables.tf', content: join([...common, region, ...part.variables].map(variableBlock)) },
      { path: 'main.tf', content: join(part.resources.length ? part.resources : ['# The design has no services yet.']) },
      { path: 'outputs.tf', content: part.outputs.length ? join(part.outputs.map(outputBlock)) : '# No outputs: the design has no services yet.\n' },
    ];
  }

  const files: GeneratedFile[] = [];
  const rootVariables: Variable[] = [...common];
  const calls: string[] = [];
  const rootOutputs: Output[] = [];
  const providerBlocks: string[] = [];
  for (const p of providers) {
    const part = PARTS[p](design, servicesOf(p));
    const regionVar = `${p}_region`;
    rootVariables.push({ name: regionVar, type: 'string', description: `Region for the ${p} module`, default: regionFor(design, p) });
    const moduleVariables: Variable[] = [
      common[0],
      { name: 'region', type: 'string', description: 'Region to deploy to' },
      // The subscription only configures the provider, in the root.
      ...part.variables.filter((v) => v.name !== 'subscription_id'),
    ];
    for (const v of part.variables) if (!rootVariables.some((r) => r.name === v.name)) rootVariables.push(v);
    const args = [`  source      = "./modules/${p}"`, `  name_prefix = var.name_prefix`, `  region      = var.${regionVar}`];
    for (const v of moduleVariables.slice(2)) args.push(`  ${v.name} = var.${v.name}`);
    calls.push(`module "${p}" {\n${args.join('\n')}\n}`);
    for (const o of part.outputs) rootOutputs.push({ name: `${p}_${o.name}`, value: `module.${p}.${o.name}`, description: o.description });
    providerBlocks.push(providerBlock(p, `var.${regionVar}`));
    const moduleLocals = p === 'azure' ? [locals(design)] : [];
    files.push(
      { path: `modules/${p}/versions.tf`, content: requiredProviders([p], false) },
      { path: `modules/${p}/variables.tf`, content: join(moduleVariables.map(variableBlock)) },
      { path: `modules/${p}/main.tf`, content: join([...moduleLocals, ...part.resources]) },
      { path: `modules/${p}/outputs.tf`, content: part.outputs.length ? join(part.outputs.map(outputBlock)) : '# No outputs.\n' },
    );
  }
  return [
    { path: 'versions.tf', content: header + requiredProviders(providers, true) },
    { path: 'providers.tf', content: join([...providerBlocks, locals(design)]) },
    { path: 'variables.tf', content: join(rootVariables.map(variableBlock)) },
    { path: 'main.tf', content: join(calls.length ? calls : ['# The design has no services yet.']) },
    { path: 'outputs.tf', content: rootOutputs.length ? join(rootOutputs.map(outputBlock)) : '# No outputs: the design has no services yet.\n' },
    ...files,
  ];
}
