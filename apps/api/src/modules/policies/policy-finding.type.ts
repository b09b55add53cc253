import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum PolicyEnforcement {
  AUDIT = 'audit',
  WARN = 'warn',
  BLOCK = 'block',
  REQUIRE_APPROVAL = 'require_approval',
}
registerEnumType(PolicyEnforcement, {
  name: 'PolicyEnforcement',
  description: 'What happens when a rule is violated: record it, warn the caller, refuse the change, or hold it for approval',
  valuesConfig: {
    AUDIT: { description: 'Record the violation; the change goes through silently' },
    WARN: { description: 'Record it and return a warning; the change goes through' },
    BLOCK: { description: 'Refuse the change with a POLICY_VIOLATION user error' },
    REQUIRE_APPROVAL: {
      description:
        "Hold the change, unapplied, on an approval request (the payload's heldForApproval); approval applies it, re-checked against the policies of that moment",
    },
  },
});

export enum PolicySeverity {
  CRITICAL = 'critical',
  HIGH = 'high',
  MEDIUM = 'medium',
  LOW = 'low',
}
registerEnumType(PolicySeverity, {
  name: 'PolicySeverity',
  description: 'How serious breaking a policy is, for triage and alerting',
  valuesConfig: {
    CRITICAL: { description: 'Act now: a serious risk to security, data or spend' },
    HIGH: { description: 'Act soon' },
    MEDIUM: { description: 'Plan a fix' },
    LOW: { description: 'Worth knowing; little risk' },
  },
});

@ObjectType({ description: 'One rule of one policy that a change violated' })
export class PolicyFinding {
  /** The policy's database id; the schema gives the policy itself (see PolicyFindingResolver). */
  policyUuid: string;
  @Field({ description: "The policy's name when it judged the change" }) policyName: string;
  @Field(() => Int, { description: 'The version of the policy that judged the change' }) policyVersion: number;
  @Field({ description: 'The name of the rule that the change broke' }) ruleName: string;
  @Field(() => PolicySeverity, { description: 'How serious breaking the policy is' }) severity: PolicySeverity;
  @Field(() => PolicyEnforcement, { description: 'What the policy did about it: recorded it, warned, or blocked the change' }) enforcement: PolicyEnforcement;
  @Field({ description: "The rule's message to the person making the change" }) message: string;
}
