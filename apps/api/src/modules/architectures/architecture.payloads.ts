import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../../graphql/user-error';
import { ApprovalRequest } from '../approvals';
import { PolicyFinding } from '../policies';
import { Architecture, ArchitectureService } from './architecture.entity';

@ObjectType({ description: 'The architecture after the change, or why it was refused' })
export class ArchitecturePayload {
  @Field(() => Architecture, { nullable: true, description: 'The architecture as it is now; null when the change was refused' })
  architecture: Architecture | null;
  @Field(() => [PolicyFinding], { description: 'Violations of architecture policies in warn mode: the change was applied' }) policyWarnings: PolicyFinding[];
  @Field(() => [PolicyFinding], { description: 'Violations of architecture policies in block mode: the change was refused' }) policyViolations: PolicyFinding[];
  @Field(() => ApprovalRequest, {
    nullable: true,
    description: 'Set when an architecture policy in REQUIRE_APPROVAL mode held the change: it is stored, not applied, until this request is approved',
  })
  heldForApproval: ApprovalRequest | null;
  @Field(() => [PolicyFinding], { description: 'Violations of architecture policies in REQUIRE_APPROVAL mode: the change was held for approval' })
  policyHolds: PolicyFinding[];
  @Field(() => [UserError], { description: 'What was wrong with the input; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'One generated Terraform file' })
export class TerraformFile {
  @Field({ description: 'Path inside the zip, e.g. main.tf or modules/aws/main.tf' }) path: string;
  @Field({ description: 'The HCL text' }) content: string;
}

@ObjectType({ description: 'Terraform generated from a design' })
export class TerraformBundle {
  @Field(() => [TerraformFile], { description: 'Every file, root first' }) files: TerraformFile[];
  @Field({ description: 'The files as a zip archive, base64-encoded' }) zipBase64: string;
  @Field({ description: 'Suggested file name of the zip' }) fileName: string;
}

@ObjectType({ description: 'Terraform generated from the design, or why it was refused' })
export class ArchitectureTerraformPayload {
  @Field(() => Architecture, { nullable: true, description: 'The architecture, with terraformGenerated and lastTerraformGen updated' })
  architecture: Architecture | null;
  @Field(() => TerraformBundle, { nullable: true, description: 'The generated files; null when refused' }) terraform: TerraformBundle | null;
  @Field(() => [UserError], { description: 'What was wrong; empty on success' }) userErrors: UserError[];
}

@ObjectType({ description: 'A field whose value changed between two versions' })
export class ArchitectureFieldChange {
  @Field({ description: 'The field, e.g. region or properties' }) field: string;
  @Field(() => String, { nullable: true, description: 'Value before (JSON for structured values)' }) before: string | null;
  @Field(() => String, { nullable: true, description: 'Value after (JSON for structured values)' }) after: string | null;
}

@ObjectType({ description: 'A service present in both versions whose settings changed' })
export class ArchitectureServiceChange {
  @Field({ description: 'The service key' }) key: string;
  @Field({ description: 'The service name, as it is in the later version' }) name: string;
  @Field(() => [ArchitectureFieldChange], { description: 'What changed' }) changes: ArchitectureFieldChange[];
}

@ObjectType({ description: 'What changed between two versions of a design' })
export class ArchitectureDiff {
  @Field(() => Int, { description: 'The earlier version compared' }) fromVersion: number;
  @Field(() => Int, { nullable: true, description: 'The later version compared; null for the design as it is now' }) toVersion: number | null;
  @Field(() => [ArchitectureFieldChange], { description: 'Changed design fields (name, region, environment, tags, components, …)' })
  fields: ArchitectureFieldChange[];
  @Field(() => [ArchitectureService], { description: 'Services only in the later version' }) servicesAdded: ArchitectureService[];
  @Field(() => [ArchitectureService], { description: 'Services only in the earlier version' }) servicesRemoved: ArchitectureService[];
  @Field(() => [ArchitectureServiceChange], { description: 'Services in both whose settings changed' }) servicesChanged: ArchitectureServiceChange[];
  @Field(() => [String], { description: 'Connections only in the later version, as "from → to" keys' }) connectionsAdded: string[];
  @Field(() => [String], { description: 'Connections only in the earlier version, as "from → to" keys' }) connectionsRemoved: string[];
}
