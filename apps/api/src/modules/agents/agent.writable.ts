import type { TenantScope } from '../../scope';
import { StewardError, UserInputProblem } from '../../graphql/errors';
import type { AgentRole, AgentStatus } from './agent.entity';

export interface WritableAgent {
  id: string;
  name: string;
  role: AgentRole;
  status: AgentStatus;
}

/**
 * The tenant's agent, locked until the request ends so a concurrent archive cannot slip between the
 * check and the write (`update` when the caller will change the agent row itself); archived agents are read-only.
 */
export async function writableAgent(ctx: TenantScope, agentId: string, field: string, lock: 'share' | 'update' = 'share'): Promise<WritableAgent> {
  const [agent]: WritableAgent[] = await ctx.tx.manager.query(
    `SELECT id, name, role, status FROM agents WHERE id = $1 AND tenant_id = $2 FOR ${lock === 'update' ? 'UPDATE' : 'SHARE'}`,
    [agentId, ctx.caller.tenantId],
  );
  if (!agent) throw StewardError.notFound('Agent');
  if (agent.status === 'archived') throw new UserInputProblem(field, 'The agent is archived and read-only', 'CONFLICT');
  return agent;
}
