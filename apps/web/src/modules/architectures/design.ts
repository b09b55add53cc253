/** A service on the canvas as the editor holds it; saved as ArchitectureServiceInput. */
export interface DesignService {
  key: string;
  type: string;
  name: string;
  x: number;
  y: number;
  properties: Record<string, unknown>;
  connections: string[];
}

export interface CatalogueType {
  type: string;
  provider: string;
  kind: string;
  label: string;
  sizes: readonly string[];
  defaultSize: string;
}

export const KINDS = ['vpc', 'kubernetes', 'relational_db', 'object_storage', 'monitoring', 'load_balancer', 'cache', 'message_queue'] as const;
export type Kind = (typeof KINDS)[number];

export const KIND_LABEL: Record<Kind, string> = {
  vpc: 'VPC / network',
  kubernetes: 'Kubernetes',
  relational_db: 'Relational database',
  object_storage: 'Object storage',
  monitoring: 'Monitoring',
  load_balancer: 'Load balancer',
  cache: 'Cache',
  message_queue: 'Message queue',
};

export const kindOf = (type: string) => type.split('.')[1] as Kind;

/** Providers whose services a design of this cloud may place. */
export function providersFor(cloudProvider: string): string[] {
  return cloudProvider === 'MULTI_CLOUD' ? ['aws', 'gcp', 'azure'] : [cloudProvider.toLowerCase()];
}

function nextKey(services: readonly DesignService[], kind: string): string {
  let n = services.length + 1;
  while (services.some((s) => s.key === `${kind}-${n}`)) n++;
  return `${kind}-${n}`;
}

/** Places a service of the catalogue type in the next free spot of a grid. */
export function addService(services: readonly DesignService[], entry: CatalogueType): DesignService[] {
  const i = services.length;
  return [
    ...services,
    {
      key: nextKey(services, entry.kind),
      type: entry.type,
      name: entry.label,
      x: 40 + 240 * (i % 4),
      y: 40 + 140 * Math.floor(i / 4),
      properties: { size: entry.defaultSize },
      connections: [],
    },
  ];
}

export function removeService(services: readonly DesignService[], key: string): DesignService[] {
  return services.filter((s) => s.key !== key).map((s) => ({ ...s, connections: s.connections.filter((c) => c !== key) }));
}

/** A component toggle: on adds a service of that kind when there is none, off removes the services of that kind. */
export function toggleComponent(services: readonly DesignService[], kind: Kind, on: boolean, entry: CatalogueType | undefined): DesignService[] {
  if (on) return services.some((s) => kindOf(s.type) === kind) || !entry ? [...services] : addService(services, entry);
  return services.filter((s) => kindOf(s.type) === kind).reduce((list, s) => removeService(list, s.key), [...services]);
}
