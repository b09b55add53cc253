// Derives the trimmed provider schema the Terraform tests check against (src/modules/architectures/terraform/provider-schema.json).
// Run once by hand, outside the build, against unpacked copies of the cdktf provider packages (not project dependencies):
//   npm pack @cdktf/provider-aws@21.22.1 @cdktf/provider-google@16.12.1 @cdktf/provider-azurerm@14.23.1
//   for p in aws google azurerm; do mkdir -p $p && tar xzf cdktf-provider-$p-*.tgz -C $p; done
//   node scripts/derive-terraform-schema.mjs <dir holding aws/ google/ azurerm/> > src/modules/architectures/terraform/provider-schema.json
// Those packages are generated from each provider's published schema: every resource's `<Name>Config` interface lists its
// arguments and blocks, each with its Terraform name in the registry link (`…#bucket_prefix`); a property without `?` is required.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const RESOURCES = {
  aws: [
    'aws_vpc',
    'aws_subnet',
    'aws_kms_key',
    'aws_eks_cluster',
    'aws_db_subnet_group',
    'aws_db_instance',
    'aws_s3_bucket',
    'aws_s3_bucket_public_access_block',
    'aws_s3_bucket_server_side_encryption_configuration',
    'aws_s3_bucket_versioning',
    'aws_cloudwatch_log_group',
    'aws_cloudwatch_metric_alarm',
    'aws_lb',
    'aws_elasticache_subnet_group',
    'aws_elasticache_replication_group',
    'aws_sqs_queue',
  ],
  google: [
    'google_compute_network',
    'google_compute_subnetwork',
    'google_container_cluster',
    'google_sql_database_instance',
    'google_storage_bucket',
    'google_monitoring_alert_policy',
    'google_compute_region_health_check',
    'google_compute_region_backend_service',
    'google_compute_forwarding_rule',
    'google_redis_instance',
    'google_pubsub_topic',
  ],
  azurerm: [
    'azurerm_resource_group',
    'azurerm_virtual_network',
    'azurerm_subnet',
    'azurerm_kubernetes_cluster',
    'azurerm_postgresql_flexible_server',
    'azurerm_storage_account',
    'azurerm_log_analytics_workspace',
    'azurerm_lb',
    'azurerm_redis_cache',
    'azurerm_servicebus_namespace',
  ],
};

const root = process.argv[2];
if (!root) throw new Error('usage: derive-terraform-schema.mjs <dir with aws/ google/ azurerm/ unpacked>');

function interfaces(source) {
  const found = new Map();
  const head = /^export interface (\w+)(?: extends [^{]+)? \{\n/gm;
  let m;
  while ((m = head.exec(source))) {
    const end = source.indexOf('\n}\n', m.index);
    found.set(m[1], source.slice(m.index + m[0].length, end + 1));
  }
  return found;
}

function members(body) {
  const member = /\/\*\*([\s\S]*?)\*\/\s*readonly (\w+)(\??): ([\s\S]*?);\n(?= {4}\/\*\*|$)/g;
  const out = [];
  let m;
  while ((m = member.exec(body))) {
    const link = /#(\w+) \w+#\w+\}/.exec(m[1]);
    if (!link) continue;
    out.push({ name: link[1], required: m[3] !== '?', type: m[4].trim(), block: /\* [\w ]+ block\n/.test(m[1]) });
  }
  return out;
}

function schemaOf(all, name, depth = 0) {
  const body = all.get(name);
  if (body === undefined) return null;
  const result = { required: [], arguments: [], blocks: {} };
  for (const m of members(body)) {
    if (m.name === 'id' && depth === 0) continue;
    if (m.block) {
      const inner = /^(\w+)/.exec(m.type)?.[1];
      // Deeper than four levels a block is kept by name only (`open`: its contents are not checked).
      const nested = inner && depth < 4 ? schemaOf(all, inner, depth + 1) : { open: true, required: [], arguments: [], blocks: {} };
      if (!nested) throw new Error(`no interface ${inner} for block ${m.name} of ${name}`);
      result.blocks[m.name] = nested;
      if (m.required) result.required.push(m.name);
    } else {
      result.arguments.push(m.name);
      if (m.required) result.required.push(m.name);
    }
  }
  return result;
}

const out = { _source: {}, resources: {} };
for (const [provider, types] of Object.entries(RESOURCES)) {
  const pkg = JSON.parse(readFileSync(join(root, provider, 'package', 'package.json'), 'utf8'));
  out._source[provider] = { package: pkg.name, version: pkg.version };
  for (const type of types) {
    const dir = type.slice(type.indexOf('_') + 1).replace(/_/g, '-');
    // Large resources keep their block interfaces in index-structs/*.d.ts beside index.d.ts.
    const base = join(root, provider, 'package', 'lib', dir);
    const files = readdirSync(base, { recursive: true }).filter((f) => String(f).endsWith('.d.ts'));
    const source = files.map((f) => readFileSync(join(base, String(f)), 'utf8')).join('\n');
    const version = /registry\.terraform\.io\/providers\/hashicorp\/\w+\/([\d.]+)\//.exec(source)?.[1];
    out._source[provider].providerVersion = version;
    const all = interfaces(source);
    const config = [...all.keys()].find((k) => k.endsWith('Config') && source.includes(`export interface ${k} extends cdktf.TerraformMetaArguments`));
    const schema = config && schemaOf(all, config);
    if (!schema) throw new Error(`no config interface for ${type}`);
    out.resources[type] = schema;
  }
}
process.stdout.write(`${JSON.stringify(out, null, 1)}\n`);
