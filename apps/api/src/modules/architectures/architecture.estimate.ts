import { catalogueEntry, Provider } from './architecture.catalogue';
import type { ArchitectureEstimateLine, ArchitectureService } from './architecture.entity';
import { PRICE_TABLE } from './architecture.prices';

/** Which region a provider's services are priced in: the design's region when it is that provider's, else the reference region. */
function pricedRegion(provider: Provider, region: string): string {
  return PRICE_TABLE.regionFactor[provider][region] !== undefined ? region : PRICE_TABLE.referenceRegion[provider];
}

const cents = (n: number) => (Math.round(n * 100) / 100).toFixed(2);

/** The monthly estimate of a design, per service, from the committed price table; a pure function. */
export function estimate(services: ArchitectureService[], region: string): { total: string; lines: ArchitectureEstimateLine[] } {
  let total = 0;
  const lines = services.flatMap((s) => {
    const entry = catalogueEntry(s.type);
    if (!entry) return [];
    const size = typeof s.properties.size === 'string' && entry.sizes.includes(s.properties.size) ? s.properties.size : entry.defaultSize;
    const priced = pricedRegion(entry.provider, region);
    const monthly = PRICE_TABLE.monthly[entry.provider][entry.kind][size] * PRICE_TABLE.regionFactor[entry.provider][priced];
    total += Math.round(monthly * 100) / 100;
    return [{ serviceKey: s.key, serviceName: s.name, type: s.type, size, region: priced, monthly: cents(monthly) }];
  });
  return { total: cents(total), lines };
}
