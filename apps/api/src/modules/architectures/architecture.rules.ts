import { builders, moneyReaders, violationReaders } from '../../auth/role-groups';
import { anyMember, PermissionMap } from '../../auth/rules';

// Every member may read designs (as agents); builders change them; money fields are for money readers.
export const architecturePermissions: PermissionMap = {
  Query: { architectures: anyMember, architecture: anyMember, architectureCatalogue: anyMember, architectureDiff: anyMember },
  Architecture: { '*': anyMember, estimatedCost: moneyReaders, estimate: moneyReaders, spend: moneyReaders },
  ArchitectureConnection: { '*': anyMember },
  ArchitectureEdge: { '*': anyMember },
  ArchitectureService: { '*': anyMember },
  CanvasPosition: { '*': anyMember },
  ArchitectureComponents: { '*': anyMember },
  ArchitectureEstimateLine: { '*': moneyReaders },
  ArchitectureVersion: { '*': anyMember, estimatedCost: moneyReaders },
  ArchitectureSpend: { '*': moneyReaders },
  ArchitectureCatalogue: { '*': anyMember },
  ArchitectureServiceType: { '*': anyMember },
  ProviderRegions: { '*': anyMember },
  ArchitectureDiff: { '*': anyMember },
  ArchitectureFieldChange: { '*': anyMember },
  ArchitectureServiceChange: { '*': anyMember },
  Mutation: {
    architectureCreate: builders,
    architectureUpdate: builders,
    architectureActivate: builders,
    architectureArchive: builders,
    architectureTerraformGenerate: builders,
  },
  ArchitecturePayload: { '*': builders },
  ArchitectureTerraformPayload: { '*': builders },
  TerraformBundle: { '*': builders },
  TerraformFile: { '*': builders },
  Agent: { architecture: anyMember },
  PolicyViolation: { architecture: violationReaders },
  PolicyDecision: { architecture: violationReaders },
  CostEntry: { linkedArchitecture: moneyReaders },
};
