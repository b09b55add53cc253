import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Role } from '../../auth/roles';
import { toGlobalId } from '../../graphql/global-id';
import { Node } from '../../graphql/node';

export enum ApprovalRequestStatus {
  PENDING = 'pending',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  EXPIRED = 'expired',
  CANCELLED = 'cancelled',
}
registerEnumType(ApprovalRequestStatus, {
  name: 'ApprovalRequestStatus',
  description: 'Where an approval request stands; every status but PENDING is final',
  valuesConfig: {
    PENDING: { description: 'Waiting for decisions on its current step' },
    APPROVED: { description: 'Every step approved (or a timeout defaulted to approve)' },
    REJECTED: { description: 'A step was rejected (or a timeout defaulted to reject)' },
    EXPIRED: { description: 'A deadline passed and the step expired, or escalation ran out of steps' },
    CANCELLED: { description: 'Withdrawn by the requester or an admin' },
  },
});

export enum ApprovalMode {
  SINGLE = 'single',
  ANY_N = 'any_n',
  UNANIMOUS = 'unanimous',
  MAJORITY = 'majority',
}
registerEnumType(ApprovalMode, {
  name: 'ApprovalMode',
  description: "How the decisions of a step's M eligible deciders add up",
  valuesConfig: {
    SINGLE: { description: 'The first decision decides the step' },
    ANY_N: { description: 'N approvals approve; rejected as soon as N can no longer be reached (more than M - N rejections)' },
    UNANIMOUS: { description: 'All M must approve; one rejection rejects' },
    MAJORITY: {
      description:
        'Strictly more than half of M must approve (floor(M/2)+1: 3 of 4, 3 of 5); rejected as soon as that cannot happen (2 rejections of 4). A tie never approves',
    },
  },
});

export enum ApprovalStepStatus {
  WAITING = 'waiting',
  PENDING = 'pending',
  APPROVED = 'approved',
  REJECTED = 'rejected',
  ESCALATED = 'escalated',
  EXPIRED = 'expired',
  SKIPPED = 'skipped',
}
registerEnumType(ApprovalStepStatus, {
  name: 'ApprovalStepStatus',
  description: 'Where one step of an approval chain stands',
  valuesConfig: {
    WAITING: { description: 'A later step, not open yet' },
    PENDING: { description: 'Open: its deciders may decide' },
    APPROVED: { description: 'Its deciders approved' },
    REJECTED: { description: 'Its deciders rejected' },
    ESCALATED: { description: 'Its deadline passed and it handed the request to the next step' },
    EXPIRED: { description: 'Its deadline passed and the request expired' },
    SKIPPED: { description: 'The request ended before the step opened' },
  },
});

export enum ApprovalTimeoutAction {
  ESCALATE = 'escalate',
  APPROVE = 'approve',
  REJECT = 'reject',
  EXPIRE = 'expire',
}
registerEnumType(ApprovalTimeoutAction, {
  name: 'ApprovalTimeoutAction',
  description: "What happens when a step's deadline passes undecided",
  valuesConfig: {
    ESCALATE: { description: 'The next step opens (on the last step: the request expires)' },
    APPROVE: { description: 'The step is approved by default (a decision by the system)' },
    REJECT: { description: 'The step is rejected by default (a decision by the system)' },
    EXPIRE: { description: 'The request expires; a held change is discarded' },
  },
});

export enum ApprovalDecisionValue {
  APPROVE = 'approve',
  REJECT = 'reject',
}
registerEnumType(ApprovalDecisionValue, {
  name: 'ApprovalDecisionValue',
  description: 'What a decider decided',
  valuesConfig: { APPROVE: { description: 'Approved' }, REJECT: { description: 'Rejected' } },
});

export enum ApprovalSubjectKind {
  AGENT_CHANGE = 'agent_change',
  POLICY_CHANGE = 'policy_change',
  ARCHITECTURE_CHANGE = 'architecture_change',
  WORKFLOW = 'workflow',
  MANUAL = 'manual',
}
registerEnumType(ApprovalSubjectKind, {
  name: 'ApprovalSubjectKind',
  description: 'What an approval request is about',
  valuesConfig: {
    AGENT_CHANGE: { description: 'An agent change held by a policy in REQUIRE_APPROVAL mode' },
    POLICY_CHANGE: { description: 'A change to a block-mode policy, which needs a second person' },
    ARCHITECTURE_CHANGE: { description: 'An architecture design change held by an architecture policy in REQUIRE_APPROVAL mode' },
    WORKFLOW: { description: 'An approval node of a workflow execution' },
    MANUAL: { description: 'Asked for by a member directly' },
  },
});

export enum HeldChangeStatus {
  HELD = 'held',
  APPLIED = 'applied',
  REFUSED = 'refused',
  DISCARDED = 'discarded',
}
registerEnumType(HeldChangeStatus, {
  name: 'HeldChangeStatus',
  description: 'What became of a change held for approval',
  valuesConfig: {
    HELD: { description: 'Stored, not applied: waiting for the decision' },
    APPLIED: { description: 'Approved and applied' },
    REFUSED: { description: 'Approved, but applying it was refused when re-checked (a block policy, or the state changed): see outcomeMessage' },
    DISCARDED: { description: 'Rejected, expired or cancelled: never applied' },
  },
});

export enum ApprovalFormFieldType {
  TEXT = 'text',
  NUMBER = 'number',
  BOOLEAN = 'boolean',
  SELECT = 'select',
  DATE = 'date',
}
registerEnumType(ApprovalFormFieldType, {
  name: 'ApprovalFormFieldType',
  description: 'The type of a value a decider fills in',
  valuesConfig: {
    TEXT: { description: 'Free text, at most 2000 characters' },
    NUMBER: { description: 'A finite number' },
    BOOLEAN: { description: 'true or false' },
    SELECT: { description: "One of the field's options" },
    DATE: { description: 'A calendar date, YYYY-MM-DD' },
  },
});

export enum ApprovalDeciderKind {
  MEMBER = 'member',
  ROLE = 'role',
  RESOLVER = 'resolver',
}
registerEnumType(ApprovalDeciderKind, {
  name: 'ApprovalDeciderKind',
  description: 'How a step names who may decide',
  valuesConfig: {
    MEMBER: { description: 'One member of the tenant' },
    ROLE: { description: 'Every member holding a role' },
    RESOLVER: { description: 'People worked out from the request when the step opens' },
  },
});

export enum ApprovalDeciderResolver {
  AGENT_OWNER_ADMINS = 'agent_owner_admins',
  COMPLIANCE_OFFICERS_OR_ADMINS = 'compliance_officers_or_admins',
}
registerEnumType(ApprovalDeciderResolver, {
  name: 'ApprovalDeciderResolver',
  description: 'A rule that works out deciders when a step opens',
  valuesConfig: {
    AGENT_OWNER_ADMINS: { description: "The admins of the tenant (members whose role, system or custom, holds tenant.manage), other than the agent's owner" },
    COMPLIANCE_OFFICERS_OR_ADMINS: {
      description: 'Compliance officers and admins of the tenant: members whose role, system or custom, holds compliance.manage',
    },
  },
});

@ObjectType({ description: 'Who may decide a step, as configured' })
export class ApprovalDecider {
  @Field(() => ApprovalDeciderKind, { description: 'How the deciders are named' }) kind: ApprovalDeciderKind;
  /** For MEMBER: the user's id; the schema gives the user. */
  userId?: string | null;
  @Field(() => Role, { nullable: true, description: 'For ROLE: the role whose members decide' }) role?: Role | null;
  @Field(() => ApprovalDeciderResolver, { nullable: true, description: 'For RESOLVER: the rule' }) resolver?: ApprovalDeciderResolver | null;
}

@ObjectType({ description: 'A typed field of the form deciders fill in' })
export class ApprovalFormField {
  @Field({ description: 'Key of the value in formValues' }) key: string;
  @Field({ description: 'Label shown to deciders' }) label: string;
  @Field(() => ApprovalFormFieldType, { description: 'Type of the value' }) type: ApprovalFormFieldType;
  @Field({ description: 'An approval must fill it in (a rejection need not)' }) required: boolean;
  @Field(() => [String], { description: 'For SELECT: the allowed values; empty otherwise' }) options: string[];
}

/** What a held change is and how to apply it again once approved; `replay` belongs to the module that held it. */
export interface StoredHeldChange {
  /** Which module applies it (see registerHeldChangeHandler). */
  handler: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  replay: Record<string, unknown>;
  /** The agent's owner, for the AGENT_OWNER_ADMINS resolver of later steps. */
  ownerId?: string | null;
}

@ObjectType({ description: 'A change stored, not applied, until its approval request is decided' })
export class HeldChange {
  @Field({ description: 'What the change does, e.g. deploy, update, policy.update' }) action: string;
  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The object before the change; null for a create' }) before: Record<string, unknown> | null;
  @Field(() => GraphQLJSONObject, { description: 'The object as the change would leave it' }) after: Record<string, unknown>;
  @Field(() => HeldChangeStatus, { description: 'Held, applied, refused or discarded' }) status: HeldChangeStatus;
  @Field(() => String, { nullable: true, description: 'Why applying it was refused, or how it ended' }) outcomeMessage: string | null;
  @Field(() => Date, { nullable: true, description: 'When it was applied' }) appliedAt: Date | null;
}

@ObjectType({ implements: Node, description: 'A request for a human decision: who may decide, how their decisions add up, by when, and what it holds' })
@Entity('approval_requests')
export class ApprovalRequest implements Node {
  @PrimaryGeneratedColumn('uuid', { name: 'id' })
  uuid: string;

  @Field(() => ID, { description: 'Opaque global id; pass it to node(id:) or to mutations' })
  get id(): string {
    return toGlobalId('ApprovalRequest', this.uuid);
  }

  @Column('uuid') tenantId: string;
  @Field(() => ApprovalSubjectKind, { description: 'What the request is about' }) @Column('text') kind: ApprovalSubjectKind;
  @Field({ description: 'One line naming what is asked' }) @Column('text') title: string;
  @Field({ description: 'More about it, in prose; empty string when none' }) @Column('text') summary: string;
  @Field(() => ApprovalRequestStatus, { description: 'Pending, or how it ended' }) @Column('text') status: ApprovalRequestStatus;
  @Column('int', { nullable: true }) currentLevel: number | null;
  @Field(() => Date, { nullable: true, description: "The current step's deadline; null when it has none or the request is decided" })
  @Column('timestamptz', { nullable: true })
  deadline: Date | null;
  @Field(() => [ApprovalFormField], { description: 'What deciders fill in when they decide' }) @Column('jsonb') formFields: ApprovalFormField[];
  /** The agent or policy the held change is for. */
  @Column('uuid', { nullable: true }) subjectId: string | null;
  @Column('jsonb', { nullable: true }) heldChange: StoredHeldChange | null;
  @Column('text', { nullable: true }) changeStatus: HeldChangeStatus | null;
  @Column('text', { nullable: true }) changeMessage: string | null;
  @Column('timestamptz', { nullable: true }) changeAppliedAt: Date | null;
  /** The policy findings that held an agent change (PolicyFinding shapes); the policies module serves them. */
  @Column('jsonb') findings: Record<string, unknown>[];
  @Column('uuid', { nullable: true }) requestedById: string | null;
  @Column('uuid', { nullable: true }) requestedByApiKeyId: string | null;
  @Field({ description: 'When it was asked for (UTC)' }) @Column('timestamptz') createdAt: Date;
  @Field({ description: 'When it last changed (UTC)' }) @Column('timestamptz') updatedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When it left PENDING; null while pending' })
  @Column('timestamptz', { nullable: true })
  decidedAt: Date | null;
}

@ObjectType({ description: 'One step of an approval chain: its deciders, how their decisions add up and its deadline' })
@Entity('approval_steps')
export class ApprovalStep {
  @PrimaryGeneratedColumn('uuid', { name: 'id' }) uuid: string;
  @Column('uuid') tenantId: string;
  @Column('uuid') requestId: string;
  @Field(() => Int, { description: 'Position in the chain, from 1' }) @Column('int') level: number;
  @Field({ description: 'Name of the step, e.g. "Compliance review"' }) @Column('text') name: string;
  @Field(() => ApprovalMode, { description: 'How the decisions add up' }) @Column('text') mode: ApprovalMode;
  @Column('int', { nullable: true }) requiredCount: number | null;
  @Field(() => [ApprovalDecider], { description: 'Who may decide, as configured' }) @Column('jsonb') deciders: ApprovalDecider[];
  /** Resolved when the step opened, the requester left out. */
  @Column('uuid', { array: true }) eligibleIds: string[];
  @Field(() => ApprovalStepStatus, { description: 'Where the step stands' }) @Column('text') status: ApprovalStepStatus;
  @Field(() => Int, { nullable: true, description: 'How long the step may stay open once it opens; null: no deadline' })
  @Column('int', { nullable: true })
  timeoutSeconds: number | null;
  @Field(() => ApprovalTimeoutAction, { description: 'What happens when the deadline passes undecided' }) @Column('text') onTimeout: ApprovalTimeoutAction;
  @Field(() => Date, { nullable: true, description: 'When the step opened; null while waiting' })
  @Column('timestamptz', { nullable: true })
  openedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When it times out; null: no deadline, or not open yet' })
  @Column('timestamptz', { nullable: true })
  deadline: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the step was decided, escalated or ended' })
  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;
}

@ObjectType({ description: 'One final decision on one step; never changed or deleted' })
@Entity('approval_decisions')
export class ApprovalDecision {
  @PrimaryGeneratedColumn('uuid', { name: 'id' }) uuid: string;
  @Field(() => ID, { description: 'Opaque id of the decision' })
  get id(): string {
    return toGlobalId('ApprovalDecision', this.uuid);
  }
  @Column('uuid') tenantId: string;
  @Column('uuid') requestId: string;
  @Column('uuid') stepId: string;
  @Field(() => Int, { description: 'The level of the step decided' }) @Column('int') level: number;
  @Column('uuid', { nullable: true }) deciderId: string | null;
  @Field(() => ApprovalDecisionValue, { description: 'Approve or reject' }) @Column('text') value: ApprovalDecisionValue;
  @Field({ description: "The decider's comment; empty string when none" }) @Column('text') comment: string;
  @Field(() => GraphQLJSONObject, { description: 'The form values the decider filled in, by field key' }) @Column('jsonb') formValues: Record<string, unknown>;
  @Field({ description: 'When it was decided (UTC)' }) @Column('timestamptz') createdAt: Date;
}

@ObjectType({ description: 'A comment on an approval request' })
@Entity('approval_comments')
export class ApprovalComment {
  @PrimaryGeneratedColumn('uuid', { name: 'id' }) uuid: string;
  @Field(() => ID, { description: 'Opaque id of the comment' })
  get id(): string {
    return toGlobalId('ApprovalComment', this.uuid);
  }
  @Column('uuid') tenantId: string;
  @Column('uuid') requestId: string;
  @Column('uuid', { nullable: true }) authorId: string | null;
  @Field({ description: 'What was said' }) @Column('text') body: string;
  @Field({ description: 'When it was said (UTC)' }) @Column('timestamptz') createdAt: Date;
}
