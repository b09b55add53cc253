import { ReadModel } from '../../graphql/read-model';
import { aiModelReads } from '../ai-models';
import { userReads } from '../users';
import { Agent } from './agent.entity';

/** Agents as hot reads see them. The relations of other modules (activity, skills, …) read only the id; costs computes costTotal (costs/index.ts). */
export const agentReads = new ReadModel(Agent, {
  table: 'agents',
  always: ['uuid'],
  needs: { totalRequests: ['totalRequests'], architecture: ['architectureId'], policiesInScope: [], violations: [], activity: [], skills: [], channels: [] },
  joins: { createdBy: { model: () => userReads, via: 'createdById' }, model: { model: () => aiModelReads, via: 'modelId' } },
});
