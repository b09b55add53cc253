import 'reflect-metadata';
import type { TenantScope } from '../../scope';
import { ArchitectureEnvironment, changeArchitectureLifecycle, CloudProvider, createArchitecture } from '../../modules/architectures';
import { stableUuid } from './deterministic';

interface DemoService {
  key: string;
  type: string;
  name: string;
  size?: string;
  to?: string[];
}

interface DemoArchitecture {
  name: string;
  description: string;
  cloudProvider: CloudProvider;
  region: string;
  environment: ArchitectureEnvironment;
  tags: string[];
  activate: boolean;
  services: DemoService[];
  /** Agents of these roles run on it. */
  roles: string[];
}

const designs: DemoArchitecture[] = [
  {
    name: 'ci-review-pipeline',
    description: 'Code review agents: jobs on EKS, review artefacts in S3, events through SQS.',
    cloudProvider: CloudProvider.AWS,
    region: 'us-east-1',
    environment: ArchitectureEnvironment.PRODUCTION,
    tags: ['engineering'],
    activate: true,
    roles: ['engineering'],
    services: [
      { key: 'net', type: 'aws.vpc', name: 'Review network', to: ['eks'] },
      { key: 'eks', type: 'aws.kubernetes', name: 'Review workers', size: 'medium', to: ['artefacts', 'events', 'logs'] },
      { key: 'artefacts', type: 'aws.object_storage', name: 'Review artefacts', size: 'medium' },
      { key: 'events', type: 'aws.message_queue', name: 'Review events' },
      { key: 'logs', type: 'aws.monitoring', name: 'Review monitoring' },
    ],
  },
  {
    name: 'ops-assistants',
    description: 'Operations assistants on GKE Autopilot with Cloud SQL for runbooks.',
    cloudProvider: CloudProvider.GCP,
    region: 'europe-west1',
    environment: ArchitectureEnvironment.STAGING,
    tags: ['operations'],
    activate: true,
    roles: ['operations'],
    services: [
      { key: 'net', type: 'gcp.vpc', name: 'Ops network', to: ['gke'] },
      { key: 'gke', type: 'gcp.kubernetes', name: 'Ops cluster', to: ['db', 'cache'] },
      { key: 'db', type: 'gcp.relational_db', name: 'Runbook database', size: 'medium' },
      { key: 'cache', type: 'gcp.cache', name: 'Session cache' },
      { key: 'mon', type: 'gcp.monitoring', name: 'Ops alerts' },
    ],
  },
  {
    name: 'product-copilots',
    description: 'Customer-facing copilots on AKS behind an internal load balancer.',
    cloudProvider: CloudProvider.AZURE,
    region: 'westeurope',
    environment: ArchitectureEnvironment.PRODUCTION,
    tags: ['customer-facing'],
    activate: true,
    roles: [],
    services: [
      { key: 'net', type: 'azure.vpc', name: 'Copilot network', to: ['lb'] },
      { key: 'lb', type: 'azure.load_balancer', name: 'Copilot frontend', to: ['aks'] },
      { key: 'aks', type: 'azure.kubernetes', name: 'Copilot cluster', size: 'medium', to: ['db', 'cache'] },
      { key: 'db', type: 'azure.relational_db', name: 'Conversation store', size: 'medium' },
      { key: 'cache', type: 'azure.cache', name: 'Context cache' },
      { key: 'mon', type: 'azure.monitoring', name: 'Copilot logs' },
    ],
  },
  {
    name: 'Evaluation lakehouse',
    description: 'Draft: agent evaluation traces in S3, fan-out through Pub/Sub.',
    cloudProvider: CloudProvider.MULTI_CLOUD,
    region: 'us-east-1',
    environment: ArchitectureEnvironment.DEV,
    tags: ['research'],
    activate: false,
    roles: [],
    services: [
      { key: 'traces', type: 'aws.object_storage', name: 'Trace archive', size: 'large' },
      { key: 'fanout', type: 'gcp.message_queue', name: 'Trace fan-out', to: ['traces'] },
    ],
  },
];

const perTenant: Record<string, string[]> = { acme: designs.map((d) => d.name), globex: ['ci-review-pipeline'] };

/** Demo designs through the architectures service (so the seeded policies judge them), and the agents that run on them. */
export async function seedArchitectures(ctx: TenantScope, slug: string): Promise<void> {
  for (const d of designs.filter((x) => perTenant[slug]?.includes(x.name))) {
    const id = stableUuid(`architecture:${slug}:${d.name}`);
    const services = d.services.map((s, i) => ({
      key: s.key,
      type: s.type,
      name: s.name,
      x: 80 + 260 * (i % 3),
      y: 80 + 180 * Math.floor(i / 3),
      properties: { size: s.size ?? 'small' },
      connections: s.to ?? [],
    }));
    const created = await createArchitecture(
      ctx,
      { name: d.name, description: d.description, cloudProvider: d.cloudProvider, region: d.region, environment: d.environment, tags: d.tags, services },
      id,
    );
    if (!created.architecture) throw new Error(`demo architecture ${d.name} refused: ${created.userErrors.map((e) => e.message).join('; ')}`);
    if (d.activate) await changeArchitectureLifecycle(ctx, id, 'activate');
    if (d.roles.length)
      await ctx.tx.manager.query(`UPDATE agents SET architecture_id = $3 WHERE tenant_id = $1 AND role = ANY($2::text[])`, [ctx.caller.tenantId, d.roles, id]);
  }
}
