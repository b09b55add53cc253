import type { StewardModule } from '../module';
import { readById } from '../../graphql/read-model';
import { Architecture, ArchitectureVersion } from './architecture.entity';
import {
  AgentArchitectureResolver,
  ArchitectureResolver,
  CostEntryArchitectureResolver,
  DecisionArchitectureResolver,
  ViolationArchitectureResolver,
} from './architecture.resolver';
import { architectureReads } from './architecture.reads';
import { architecturePermissions } from './architecture.rules';

export { Architecture, ArchitectureEnvironment, ArchitectureStatus, CloudProvider } from './architecture.entity';
export { ArchitectureCreateInput } from './architecture.inputs';
export { createArchitecture, changeArchitectureLifecycle } from './architecture.service';

export const architecturesModule: StewardModule = {
  name: 'architectures',
  entities: [Architecture, ArchitectureVersion],
  resolvers: [ArchitectureResolver, AgentArchitectureResolver, ViolationArchitectureResolver, DecisionArchitectureResolver, CostEntryArchitectureResolver],
  permissions: architecturePermissions,
  nodes: { Architecture: (ctx, id, selection) => readById(ctx, architectureReads, selection).load(id) },
};
