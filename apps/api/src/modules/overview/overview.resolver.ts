import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { StewardContext } from '../../context';
import { agentsByCompliance, agentsByStatus, openAlertsBySeverity, openViolationsBySeverity } from './overview.service';
import { AgentStatusCount, AlertSeverityCount, ComplianceStatusCount, PolicySeverityCount, TenantOverview } from './overview.type';

/** Each field is one grouped count over its table, run only when asked for. */
@Resolver(() => TenantOverview)
export class TenantOverviewResolver {
  @Query(() => TenantOverview, { nullable: true, description: 'The current tenant at a glance: what needs attention' })
  overview(@Ctx() ctx: StewardContext): TenantOverview | null {
    return ctx.caller.tenantId ? { tenantId: ctx.caller.tenantId } : null;
  }

  @FieldResolver(() => [AgentStatusCount], { description: 'Agents per lifecycle state' })
  async agentsByStatus(@Root() _overview: TenantOverview, @Ctx() ctx: StewardContext): Promise<AgentStatusCount[]> {
    return (await agentsByStatus(ctx)).map(({ key, count }) => ({ status: key, count }));
  }

  @FieldResolver(() => [ComplianceStatusCount], { description: 'Agents in service (not archived) per compliance status' })
  async agentsByCompliance(@Root() _overview: TenantOverview, @Ctx() ctx: StewardContext): Promise<ComplianceStatusCount[]> {
    return (await agentsByCompliance(ctx)).map(({ key, count }) => ({ status: key, count }));
  }

  @FieldResolver(() => [PolicySeverityCount], { nullable: true, description: 'Open policy violations per severity, most severe first' })
  async openViolationsBySeverity(@Root() _overview: TenantOverview, @Ctx() ctx: StewardContext): Promise<PolicySeverityCount[]> {
    return (await openViolationsBySeverity(ctx)).map(({ key, count }) => ({ severity: key, count }));
  }

  @FieldResolver(() => [AlertSeverityCount], { nullable: true, description: 'Open and acknowledged alerts per severity, most severe first' })
  async openAlertsBySeverity(@Root() _overview: TenantOverview, @Ctx() ctx: StewardContext): Promise<AlertSeverityCount[]> {
    return (await openAlertsBySeverity(ctx)).map(({ key, count }) => ({ severity: key, count }));
  }
}
