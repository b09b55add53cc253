import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PolicyEnforcement {
  AUDIT = 'audit',
  WARN = 'warn',
  BLOCK = 'block',
}
registerEnumType(PolicyEnforcement, { name: 'PolicyEnforcement', description: 'What happens when a rule is violated: record it, warn the caller, or refuse the change' });

export enum PolicySeverity {
  CRITICAL = 'critical',
  HIGH = 'high',
  MEDIUM = 'medium',
  LOW = 'low',
}
registerEnumType(PolicySeverity, { name: 'PolicySeverity' });

@ObjectType({ description: 'One rule of one policy that a change violated' })
export class PolicyFinding {
  @Field(() => ID) policyId: string;
  @Field() policyName: string;
  @Field(() => Int) policyVersion: number;
  @Field() ruleName: string;
  @Field(() => PolicySeverity) severity: PolicySeverity;
  @Field(() => PolicyEnforcement) enforcement: PolicyEnforcement;
  @Field() message: string;
}
