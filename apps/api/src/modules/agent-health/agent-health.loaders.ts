import DataLoader from 'dataloader';
import type { TenantScope } from '../../scope';
import { byKey } from '../../graphql/loader';
import { AgentHealth, AgentHealthStatus } from './agent-health.types';

interface StateRow {
  agent_id: string;
  status: AgentHealthStatus;
  last_report_at: Date;
  since: Date;
  cpu_percent: number | null;
  memory_mb: number | null;
  restarts: number | null;
  message: string | null;
  silent: boolean;
}

const UNKNOWN: AgentHealth = {
  status: AgentHealthStatus.UNKNOWN,
  lastReportAt: null,
  since: null,
  cpuPercent: null,
  memoryMb: null,
  restarts: null,
  message: null,
  silent: false,
};

/** Agents' current health by agent uuid, one statement per page of agents. */
export function agentHealthByAgent(ctx: TenantScope): DataLoader<string, AgentHealth> {
  return new DataLoader(async (ids) => {
    const rows: StateRow[] = await ctx.tx.manager.query(
      `SELECT agent_id, status, last_report_at, since, cpu_percent, memory_mb, restarts, message, silent
       FROM agent_health_states WHERE tenant_id = $1 AND agent_id = ANY($2::uuid[])`,
      [ctx.caller.tenantId, ids],
    );
    return byKey(ids, rows, (r) => r.agent_id).map((r) =>
      r
        ? {
            status: r.status,
            lastReportAt: r.last_report_at,
            since: r.since,
            cpuPercent: r.cpu_percent,
            memoryMb: r.memory_mb,
            restarts: r.restarts,
            message: r.message,
            silent: r.silent,
          }
        : UNKNOWN,
    );
  });
}
