import { Field, Int, ObjectType } from 'type-graphql';
import { AgentStatus, ComplianceStatus } from '../agents';
import { AlertSeverity } from '../alerts';
import { PolicySeverity } from '../policies';

@ObjectType({ description: 'How many agents are in a lifecycle state' })
export class AgentStatusCount {
  @Field(() => AgentStatus) status: AgentStatus;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'How many agents (archived ones aside) the policies in force find in a compliance status' })
export class ComplianceStatusCount {
  @Field(() => ComplianceStatus) status: ComplianceStatus;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'How many open violations (lapsed waivers included) are of a severity' })
export class PolicySeverityCount {
  @Field(() => PolicySeverity) severity: PolicySeverity;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'How many alerts not yet resolved are of a severity' })
export class AlertSeverityCount {
  @Field(() => AlertSeverity) severity: AlertSeverity;
  @Field(() => Int) count: number;
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
