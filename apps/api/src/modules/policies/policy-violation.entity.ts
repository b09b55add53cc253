import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';
import { PolicyEnforcement, PolicySeverity } from './policy-finding.type';

export enum PolicyViolationStatus {
  OPEN = 'open',
  BLOCKED = 'blocked',
  WAIVED = 'waived',
  RESOLVED = 'resolved',
}
registerEnumType(PolicyViolationStatus, {
  name: 'PolicyViolationStatus',
  description: 'Where a violation stands',
  valuesConfig: {
    OPEN: { description: 'The agent as it stands breaks the rule; it makes the agent non-compliant' },
    BLOCKED: { description: 'A change that broke the rule was refused; the agent did not change' },
    WAIVED: { description: 'An admin exempted the agent from the rule, until the waiver expires or is revoked' },
    RESOLVED: { description: 'A later evaluation of the same rule on the agent passed' },
  },
});

@ObjectType({ description: 'Why and until when an admin exempted an agent from a rule' })
export class PolicyWaiver {
  @Field({ description: 'Why the agent may break the rule, as the admin wrote it' }) reason: string;
  waivedById: string | null;
  @Field({ description: 'When the waiver was granted (UTC)' }) waivedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the waiver lapses (UTC); null: until revoked' }) expiresAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When an admin withdrew the waiver (UTC); null while not revoked' }) revokedAt: Date | null;
  @Field({ description: 'Neither revoked nor expired' }) active: boolean;
}

@ObjectType({ implements: Node, description: 'A rule of a policy that an agent (or a refused change to one) broke' })
@Entity('policy_violations')
export class PolicyViolation implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('PolicyViolation', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Column('uuid') policyId: string;
  @Field(() => Int, { description: 'The version of the policy that was broken' }) @Column('int') policyVersion: number;
  @Field({ description: 'Name of the rule broken' }) @Column('text') ruleName: string;
  @Column('uuid', { nullable: true }) agentId: string | null;
  @Column('uuid', { nullable: true }) architectureId: string | null;
  @Field({ description: 'Kept also when a refused create left no agent' }) @Column('text') agentName: string;
  @Field(() => PolicySeverity, { description: "The policy's severity when the violation was found" }) @Column('text') severity: PolicySeverity;
  @Field(() => PolicyEnforcement, { description: "The policy's enforcement when the violation was found" }) @Column('text') enforcement: PolicyEnforcement;
  @Field({ description: "The rule's message" }) @Column('text') message: string;
  /** The agent as the rule saw it (see the observed field resolver). */
  @Column('jsonb') observed: Record<string, unknown>;
  @Column('boolean') refusedChange: boolean;
  @Column('text', { name: 'status' }) storedStatus: PolicyViolationStatus;
  @Column('uuid', { nullable: true }) decisionId: string | null;
  @Field({ description: 'When the violation was first found (UTC)' }) @Column('timestamptz') detectedAt: Date;
  @Field({ description: 'When an evaluation last found it' }) @Column('timestamptz') lastSeenAt: Date;
  @Field(() => Date, { nullable: true, description: 'When a later evaluation passed (UTC); null while not resolved' })
  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;
  @Column('text', { nullable: true }) waiverReason: string | null;
  @Column('uuid', { nullable: true }) waivedById: string | null;
  @Column('uuid', { nullable: true }) waivedByApiKeyId: string | null;
  @Column('timestamptz', { nullable: true }) waivedAt: Date | null;
  @Column('timestamptz', { nullable: true }) waiverExpiresAt: Date | null;
  @Column('timestamptz', { nullable: true }) waiverRevokedAt: Date | null;

  /** A lapsed waiver no longer exempts: the violation reads as what it was before. */
  @Field(() => PolicyViolationStatus, { description: 'Where the violation stands now; a lapsed waiver reads as open (or blocked) again' })
  get status(): PolicyViolationStatus {
    if (this.storedStatus === PolicyViolationStatus.WAIVED && this.waiverExpiresAt && this.waiverExpiresAt.getTime() <= Date.now()) {
      return this.refusedChange ? PolicyViolationStatus.BLOCKED : PolicyViolationStatus.OPEN;
    }
    return this.storedStatus;
  }

  @Field(() => PolicyWaiver, { nullable: true, description: 'The latest waiver, active or not' })
  get waiver(): PolicyWaiver | null {
    if (!this.waivedAt || !this.waiverReason) return null;
    const active = this.status === PolicyViolationStatus.WAIVED;
    return {
      reason: this.waiverReason,
      waivedById: this.waivedById,
      waivedAt: this.waivedAt,
      expiresAt: this.waiverExpiresAt,
      revokedAt: this.waiverRevokedAt,
      active,
    };
  }
}
