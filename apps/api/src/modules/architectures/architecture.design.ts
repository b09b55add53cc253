import { InputChecks } from '../../graphql/errors';
import { CATALOGUE, catalogueEntry, PROVIDERS, providersOf, regionProvider, REGIONS, SERVICE_KINDS, ServiceKind } from './architecture.catalogue';
import type { ArchitectureComponents, ArchitectureDesign, ArchitectureService } from './architecture.entity';
import type { ArchitectureComponentsInput, ArchitectureServiceInput } from './architecture.inputs';

const KEY = /^[A-Za-z0-9_-]{1,40}$/;
const MAX_PROPERTIES_JSON = 4000;

export function checkRegion(checks: InputChecks, cloudProvider: string, region: string): void {
  const known = cloudProvider === 'multi-cloud' ? regionProvider(region) : REGIONS[cloudProvider as keyof typeof REGIONS]?.includes(region);
  if (!known) {
    const list = providersOf(cloudProvider).flatMap((p) => REGIONS[p]);
    checks.add('region', `region must be one of ${list.join(', ')}`);
  }
}

/** The services as stored, or every problem with them at once (field paths index into input.services). */
export function cleanServices(checks: InputChecks, cloudProvider: string, input: ArchitectureServiceInput[]): ArchitectureService[] {
  const allowed = providersOf(cloudProvider);
  const keys = input.map((s, i) => s.key?.trim() || `svc-${i + 1}`);
  const seen = new Set<string>();
  const services = input.map((s, i) => {
    const at = (field: string) => `services.${i}.${field}`;
    const key = keys[i];
    if (!KEY.test(key)) checks.add(at('key'), 'A key is 1-40 letters, digits, - or _');
    else if (seen.has(key)) checks.add(at('key'), `Two services have the key ${key}`);
    seen.add(key);
    const entry = catalogueEntry(s.type);
    if (!entry) checks.add(at('type'), `Unknown service type ${s.type}`);
    else if (!allowed.includes(entry.provider)) checks.add(at('type'), `A ${cloudProvider} design cannot place ${entry.provider} services`);
    const name = s.name.trim();
    if (!name || name.length > 80) checks.add(at('name'), 'A service name is 1-80 characters');
    const properties = s.properties ?? {};
    if (JSON.stringify(properties).length > MAX_PROPERTIES_JSON)
      checks.add(at('properties'), `properties must be at most ${MAX_PROPERTIES_JSON} characters of JSON`);
    if (properties.size !== undefined && entry && !entry.sizes.includes(String(properties.size))) {
      checks.add(at('properties'), `size must be one of ${entry.sizes.join(', ')}`);
    }
    if (!Number.isFinite(s.x) || !Number.isFinite(s.y)) checks.add(at('x'), 'A position must be finite');
    return { key, type: s.type, name, position: { x: s.x, y: s.y }, properties, connections: [...new Set(s.connections)] };
  });
  services.forEach((s, i) => {
    for (const target of s.connections) {
      if (target === s.key) checks.add(`services.${i}.connections`, 'A service cannot connect to itself');
      else if (!seen.has(target)) checks.add(`services.${i}.connections`, `No service has the key ${target}`);
    }
  });
  return services;
}

export function kindOf(service: ArchitectureService): ServiceKind | undefined {
  return catalogueEntry(service.type)?.kind;
}

function defaultProvider(cloudProvider: string, region: string): (typeof PROVIDERS)[number] {
  return cloudProvider === 'multi-cloud' ? (regionProvider(region) ?? 'aws') : (cloudProvider as (typeof PROVIDERS)[number]);
}

/** Toggling a component on adds a service of its kind when there is none; off removes the services of that kind and connections to them. */
export function applyToggles(services: ArchitectureService[], toggles: ArchitectureComponentsInput | null | undefined, cloudProvider: string, region: string) {
  if (!toggles) return services;
  let result = [...services];
  for (const kind of SERVICE_KINDS) {
    const wanted = toggles[kind];
    if (wanted === true && !result.some((s) => kindOf(s) === kind)) {
      const entry = CATALOGUE.find((e) => e.provider === defaultProvider(cloudProvider, region) && e.kind === kind)!;
      let n = result.length + 1;
      while (result.some((s) => s.key === `${kind}-${n}`)) n++;
      const index = result.length;
      result.push({
        key: `${kind}-${n}`,
        type: entry.type,
        name: entry.label,
        position: { x: 80 + 240 * (index % 4), y: 80 + 160 * Math.floor(index / 4) },
        properties: { size: entry.defaultSize },
        connections: [],
      });
    } else if (wanted === false) {
      const removed = new Set(result.filter((s) => kindOf(s) === kind).map((s) => s.key));
      result = result.filter((s) => !removed.has(s.key)).map((s) => ({ ...s, connections: s.connections.filter((c) => !removed.has(c)) }));
    }
  }
  return result;
}

export function componentsOf(services: ArchitectureService[]): ArchitectureComponents {
  const kinds = new Set(services.map(kindOf));
  return Object.fromEntries(SERVICE_KINDS.map((k) => [k, kinds.has(k)])) as unknown as ArchitectureComponents;
}

/** The design as architecture policies see it (`architecture` in CEL). */
export function architectureSnapshot(design: ArchitectureDesign & { status: string; estimatedCost: string }): Record<string, unknown> {
  return {
    name: design.name,
    description: design.description,
    cloudProvider: design.cloudProvider,
    region: design.region,
    environment: design.environment,
    status: design.status,
    components: { ...design.components },
    services: design.services.map((s) => ({
      key: s.key,
      type: s.type,
      kind: kindOf(s) ?? 'unknown',
      provider: s.type.split('.')[0],
      name: s.name,
      properties: s.properties,
      connections: s.connections,
    })),
    serviceKinds: [...new Set(design.services.map((s) => kindOf(s) ?? 'unknown'))],
    tags: design.tags,
    estimatedCost: Number(design.estimatedCost),
  };
}

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface ServiceChange {
  key: string;
  name: string;
  changes: FieldChange[];
}

export interface DesignDiff {
  fields: FieldChange[];
  servicesAdded: ArchitectureService[];
  servicesRemoved: ArchitectureService[];
  servicesChanged: ServiceChange[];
  connectionsAdded: string[];
  connectionsRemoved: string[];
}

const text = (v: unknown): string | null => (v === undefined || v === null ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** What changed from one design to another; a pure function. Connections read "from → to". */
export function diffDesigns(a: ArchitectureDesign, b: ArchitectureDesign): DesignDiff {
  const fields: FieldChange[] = [];
  for (const field of ['name', 'description', 'cloudProvider', 'region', 'environment', 'tags', 'components'] as const) {
    if (JSON.stringify(a[field]) !== JSON.stringify(b[field])) fields.push({ field, before: text(a[field]), after: text(b[field]) });
  }
  const before = new Map(a.services.map((s) => [s.key, s]));
  const after = new Map(b.services.map((s) => [s.key, s]));
  const servicesChanged: ServiceChange[] = [];
  for (const [key, s] of after) {
    const old = before.get(key);
    if (!old) continue;
    const changes: FieldChange[] = [];
    for (const field of ['type', 'name', 'position', 'properties'] as const) {
      if (JSON.stringify(old[field]) !== JSON.stringify(s[field])) changes.push({ field, before: text(old[field]), after: text(s[field]) });
    }
    if (changes.length) servicesChanged.push({ key, name: s.name, changes });
  }
  const edges = (d: ArchitectureDesign) => new Set(d.services.flatMap((s) => s.connections.map((c) => `${s.key} → ${c}`)));
  const edgesA = edges(a);
  const edgesB = edges(b);
  return {
    fields,
    servicesAdded: b.services.filter((s) => !before.has(s.key)),
    servicesRemoved: a.services.filter((s) => !after.has(s.key)),
    servicesChanged,
    connectionsAdded: [...edgesB].filter((e) => !edgesA.has(e)),
    connectionsRemoved: [...edgesA].filter((e) => !edgesB.has(e)),
  };
}
