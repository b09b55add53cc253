import { ReadModel } from '../../graphql/read-model';
import { Architecture } from './architecture.entity';

export const architectureReads = new ReadModel(Architecture, {
  table: 'architectures',
  always: ['uuid'],
  needs: { createdBy: ['createdById'], versions: [], spend: [], agents: [], violations: [] },
});
