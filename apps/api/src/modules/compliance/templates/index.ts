import { euAiAct } from './eu-ai-act';
import { gdpr } from './gdpr';
import { hipaa } from './hipaa';
import { iso27001 } from './iso27001';
import { iso42001 } from './iso42001';
import { nistAiRmf } from './nist-ai-rmf';
import { pciDss } from './pci-dss';
import { soc2 } from './soc2';
import type { FrameworkTemplate } from './template';

export { flatten } from './template';
export type { FrameworkTemplate } from './template';

/** Every bundled template, in the order the "add framework" flow offers them. */
export const TEMPLATES: FrameworkTemplate[] = [soc2, iso27001, iso42001, nistAiRmf, euAiAct, gdpr, hipaa, pciDss];

export function templateByKey(key: string): FrameworkTemplate | undefined {
  return TEMPLATES.find((t) => t.key === key);
}
