import { Field, ID, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { ComplianceControl } from './compliance-control.entity';
import { ComplianceEvidence } from './compliance-evidence.entity';
import { ComplianceException } from './compliance-exception.entity';
import { ComplianceFramework } from './compliance-framework.entity';
import { ComplianceRequirement } from './compliance-requirement.entity';

@ObjectType({ description: 'The framework after the change, or why it was refused' })
export class ComplianceFrameworkPayload {
  @Field(() => ComplianceFramework, { nullable: true, description: 'The framework as it is now; null when refused' }) framework: ComplianceFramework | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'Which framework was deleted, or why it was refused' })
export class ComplianceFrameworkDeletePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted framework; null when refused' }) deletedFrameworkId: string | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The requirement after the change, or why it was refused' })
export class ComplianceRequirementPayload {
  @Field(() => ComplianceRequirement, { nullable: true, description: 'The requirement as it is now; null when refused' })
  requirement: ComplianceRequirement | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'Which requirement was deleted (with its subtree), or why it was refused' })
export class ComplianceRequirementDeletePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted requirement; null when refused' }) deletedRequirementId: string | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The control after the change, or why it was refused' })
export class ComplianceControlPayload {
  @Field(() => ComplianceControl, { nullable: true, description: 'The control as it is now; null when refused' }) control: ComplianceControl | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'Which control was deleted, or why it was refused' })
export class ComplianceControlDeletePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted control; null when refused' }) deletedControlId: string | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The exception after the change, or why it was refused' })
export class ComplianceExceptionPayload {
  @Field(() => ComplianceException, { nullable: true, description: 'The exception as it is now; null when refused' }) exception: ComplianceException | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'The evidence after the change, or why it was refused' })
export class ComplianceEvidencePayload {
  @Field(() => ComplianceEvidence, { nullable: true, description: 'The evidence as it is now; null when refused' }) evidence: ComplianceEvidence | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'Which evidence was deleted, or why it was refused' })
export class ComplianceEvidenceDeletePayload {
  @Field(() => ID, { nullable: true, description: 'Global id of the deleted evidence; null when refused' }) deletedEvidenceId: string | null;
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: "One automated check of a control: a linked policy's latest decisions on the agents it judges" })
export class ComplianceAutomatedCheck {
  policyId: string;
  decisionIds: string[];
  @Field({ description: 'No open violation, and every latest decision per agent and rule passed or is waived' }) passing: boolean;
  @Field(() => Int, { description: 'Agents whose latest decision fails (or whose violation is open)' }) failingAgentCount: number;
  @Field(() => Date, { nullable: true, description: 'The oldest of the latest decisions: the window the check covers starts here' }) windowStart: Date | null;
  @Field(() => Date, { nullable: true, description: 'The newest of the latest decisions' }) windowEnd: Date | null;
}

@ObjectType({ description: "What needs attention across the tenant's compliance" })
export class ComplianceOverview {
  @Field(() => Int, { description: 'Enabled frameworks' }) frameworkCount: number;
  @Field(() => Number, { nullable: true, description: 'Average score of the enabled frameworks with a score' }) averageScore: number | null;
  @Field(() => [ComplianceFramework], { description: 'Enabled frameworks whose certification expires within 90 days (or has expired), soonest first' })
  expiringCertifications: ComplianceFramework[];
  @Field(() => [ComplianceEvidence], { description: 'Approved evidence whose renewal date is within 30 days, soonest first (at most 20)' })
  expiringEvidence: ComplianceEvidence[];
  @Field(() => Int, { description: 'Evidence waiting for review' }) evidenceInReviewCount: number;
}
