import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { SERVICE_KINDS } from '../architecture.catalogue';
import type { ArchitectureService } from '../architecture.entity';
import { estimate } from '../architecture.estimate';
import { generateTerraform, TerraformDesign } from './terraform';
import schema from './provider-schema.json';

interface ResourceSchema {
  /** A block nested too deep to be described: its contents are not checked. */
  open?: boolean;
  required: string[];
  arguments: string[];
  blocks: Record<string, ResourceSchema>;
}

const RESOURCES = schema.resources as Record<string, ResourceSchema>;
const META = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']);
const GOLDEN = join(__dirname, '__golden__');

const service = (provider: string, kind: string, i: number, properties: Record<string, unknown> = {}): ArchitectureService => ({
  key: `${kind}-${i}`,
  type: `${provider}.${kind}`,
  name: `${kind.replace('_', ' ')} ${provider}`,
  position: { x: i * 100, y: 0 },
  properties: { size: i % 3 === 0 ? 'large' : i % 2 === 0 ? 'medium' : 'small', ...properties },
  connections: [],
});

const everything = (provider: string) => SERVICE_KINDS.map((kind, i) => service(provider, kind, i));

const designs: Record<string, TerraformDesign> = {
  aws: { name: 'Payments Platform', cloudProvider: 'aws', region: 'eu-west-1', environment: 'production', tags: ['payments'], services: everything('aws') },
  gcp: { name: 'Ops assistants', cloudProvider: 'gcp', region: 'europe-west1', environment: 'staging', tags: [], services: everything('gcp') },
  azure: {
    name: 'Product copilots',
    cloudProvider: 'azure',
    region: 'westeurope',
    environment: 'production',
    tags: ['copilots'],
    services: everything('azure'),
  },
  'multi-cloud': {
    name: 'Evaluation lakehouse',
    cloudProvider: 'multi-cloud',
    region: 'us-east-1',
    environment: 'dev',
    tags: ['research'],
    services: [service('aws', 'object_storage', 1), service('gcp', 'message_queue', 2), service('azure', 'monitoring', 3), service('aws', 'vpc', 4)],
  },
};

type Json = Record<string, unknown>;

/** Every problem of one resource body against its schema: unknown arguments and blocks, missing required ones, recursively. */
function check(body: Json, s: ResourceSchema, path: string, top: boolean): string[] {
  const problems: string[] = [];
  if (s.open) return problems;
  for (const [key, value] of Object.entries(body)) {
    if (top && META.has(key)) continue;
    if (s.blocks[key]) {
      const items = Array.isArray(value) ? (value as Json[]) : [value as Json];
      items.forEach((item) => problems.push(...check(item, s.blocks[key], `${path}.${key}`, false)));
    } else if (!s.arguments.includes(key)) problems.push(`${path}: unknown argument ${key}`);
  }
  for (const key of s.required) if (!(key in body)) problems.push(`${path}: missing required ${key}`);
  return problems;
}

async function parsedResources(design: TerraformDesign): Promise<{ file: string; type: string; name: string; body: Json }[]> {
  const found: { file: string; type: string; name: string; body: Json }[] = [];
  for (const file of generateTerraform(design)) {
    const json = (await parse(file.path, file.content)) as { resource?: Record<string, Record<string, Json[]>> };
    for (const [type, named] of Object.entries(json.resource ?? {}))
      for (const [name, bodies] of Object.entries(named)) for (const body of bodies) found.push({ file: file.path, type, name, body });
  }
  return found;
}

describe('Terraform generation', () => {
  it.each(Object.keys(designs))('writes the golden files for the %s design', (key) => {
    const files = generateTerraform(designs[key]);
    for (const file of files) {
      const path = join(GOLDEN, key, file.path);
      if (process.env.UPDATE_GOLDEN === '1') {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, file.content);
      }
      expect(existsSync(path) ? readFileSync(path, 'utf8') : `missing golden file ${path}`).toBe(file.content);
    }
    expect(generateTerraform(designs[key])).toEqual(files);
  });

  it.each(Object.keys(designs))(
    'writes HCL that HashiCorp’s parser accepts, every resource known to the provider schema with its required arguments (%s)',
    async (key) => {
      const files = generateTerraform(designs[key]);
      for (const file of files) await expect(parse(file.path, file.content)).resolves.toBeDefined();
      const resources = await parsedResources(designs[key]);
      expect(resources.length).toBeGreaterThan(0);
      const problems = resources.flatMap((r) =>
        RESOURCES[r.type] ? check(r.body, RESOURCES[r.type], `${r.file} ${r.type}.${r.name}`, true) : [`${r.file}: unknown resource type ${r.type}`],
      );
      expect(problems).toEqual([]);
    },
  );

  it('covers every resource type of the catalogue in the fixtures', async () => {
    const used = new Set<string>();
    for (const design of Object.values(designs)) for (const r of await parsedResources(design)) used.add(r.type);
    expect([...used].sort()).toEqual(Object.keys(RESOURCES).sort());
  });

  it('has a checker that can fail: a misspelt argument, a missing required one, an unknown type', () => {
    expect(check({ bucket_prefx: 'x' }, RESOURCES.aws_s3_bucket, 'r', true)).toEqual(['r: unknown argument bucket_prefx']);
    expect(check({ name: 'x' }, RESOURCES.aws_eks_cluster, 'r', true)).toEqual(['r: missing required role_arn', 'r: missing required vpc_config']);
    expect(check({ name: 'n', role_arn: 'r', vpc_config: [{ subnet_idz: [] }] }, RESOURCES.aws_eks_cluster, 'r', true)).toEqual([
      'r.vpc_config: unknown argument subnet_idz',
      'r.vpc_config: missing required subnet_ids',
    ]);
    return expect(parse('bad.tf', 'resource "aws_vpc" "x" {')).rejects.toBeDefined();
  });

  it('keeps secure defaults: encryption on, no public buckets, databases private, unless the design asks otherwise', async () => {
    const [aws] = [await parsedResources(designs.aws)];
    const one = (type: string) => aws.find((r) => r.type === type)!.body;
    expect(one('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, restrict_public_buckets: true });
    expect(one('aws_db_instance')).toMatchObject({ storage_encrypted: true, publicly_accessible: false, deletion_protection: true, multi_az: true });
    expect(one('aws_subnet')).toMatchObject({ map_public_ip_on_launch: false });
    expect(one('aws_elasticache_replication_group')).toMatchObject({ at_rest_encryption_enabled: true, transit_encryption_enabled: true });
    const open = await parsedResources({ ...designs.aws, services: [service('aws', 'object_storage', 1, { publicAccess: true })] });
    expect(open.find((r) => r.type === 'aws_s3_bucket_public_access_block')!.body).toMatchObject({ block_public_acls: false });
    const gcp = await parsedResources(designs.gcp);
    expect(gcp.find((r) => r.type === 'google_storage_bucket')!.body).toMatchObject({
      public_access_prevention: 'enforced',
      uniform_bucket_level_access: true,
    });
    const azure = await parsedResources(designs.azure);
    expect(azure.find((r) => r.type === 'azurerm_storage_account')!.body).toMatchObject({ allow_nested_items_to_be_public: false, min_tls_version: 'TLS1_2' });
    expect(azure.find((r) => r.type === 'azurerm_postgresql_flexible_server')!.body).toMatchObject({ public_network_access_enabled: false });
  });

  it('writes one module per provider for a multi-cloud design, called from the root', async () => {
    const files = generateTerraform(designs['multi-cloud']);
    expect(files.map((f) => f.path).filter((p) => p.endsWith('main.tf'))).toEqual([
      'main.tf',
      'modules/aws/main.tf',
      'modules/gcp/main.tf',
      'modules/azure/main.tf',
    ]);
    const root = (await parse('main.tf', files.find((f) => f.path === 'main.tf')!.content)) as { module: Record<string, Json[]> };
    expect(Object.keys(root.module).sort()).toEqual(['aws', 'azure', 'gcp']);
    expect(root.module.gcp[0]).toMatchObject({ source: './modules/gcp', project_id: '${var.project_id}' });
  });
});

describe('estimates', () => {
  it('price each service from the committed table, per region and size', () => {
    const services = [
      service('aws', 'relational_db', 2),
      service('aws', 'cache', 1),
      service('gcp', 'kubernetes', 3),
      { ...service('azure', 'vpc', 1), type: 'azure.nosuch' },
    ];
    expect(estimate(services, 'eu-central-1')).toEqual({
      total: '1412.79',
      lines: [
        {
          serviceKey: 'relational_db-2',
          serviceName: 'relational db aws',
          type: 'aws.relational_db',
          size: 'medium',
          region: 'eu-central-1',
          monthly: '151.87',
        },
        { serviceKey: 'cache-1', serviceName: 'cache aws', type: 'aws.cache', size: 'small', region: 'eu-central-1', monthly: '13.90' },
        // The design's region is AWS's: GCP is priced in its reference region.
        { serviceKey: 'kubernetes-3', serviceName: 'kubernetes gcp', type: 'gcp.kubernetes', size: 'large', region: 'us-central1', monthly: '1247.02' },
      ],
    });
  });
});
