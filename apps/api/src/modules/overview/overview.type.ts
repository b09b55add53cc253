import { Field, Int, ObjectType } from 'type-graphql';
import { AgentStatus, ComplianceStatus } from '../agents';
import { AlertSeverity } from '../alerts';
import { PolicySeverity } from '../policies';

@ObjectType({ description: 'How many agents are in a lifecycle state' })
export class AgentStatusCount {
  @Field(() => AgentStatus, { description: 'The lifecycle state' }) status: AgentStatus;
  @Field(() => Int, { description: 'Agents in that state' }) count: number;
}

@ObjectType({ description: 'How many agents (archived ones aside) the policies in force find in a compliance status' })
export class ComplianceStatusCount {
  @Field(() => ComplianceStatus, { description: 'The compliance status' }) status: ComplianceStatus;
  @Field(() => Int, { description: 'Agents in that status' }) count: number;
}

@ObjectType({ description: 'How many open violations (lapsed waivers included) are of a severity' })
export class PolicySeverityCount {
  @Field(() => PolicySeverity, { description: 'The severity' }) severity: PolicySeverity;
  @Field(() => Int, { description: 'Open violations of that severity' }) count: number;
}

@ObjectType({ description: 'How many alerts not yet resolved are of a severity' })
export class AlertSeverityCount {
  @Field(() => AlertSeverity, { description: 'The severity' }) severity: AlertSeverity;
  @Field(() => Int, { description: 'Unresolved alerts of that severity' }) count: number;
}

/**
 * What an operator checks first: is anything wrong in the tenant? Every list holds every value of its
 * enum, zeros included, in the enum's order.
 */
@ObjectType({ description: 'The current tenant at a glance: counts an operator checks first' })
export class TenantOverview {
  /** The tenant it describes; the fields read it, never an argument. */
  tenantId: string;
}
