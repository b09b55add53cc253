import { IdentityAndAudit1763900000000 } from './1763900000000-identity-and-audit';
import { AgentRegistry1763900100000 } from './1763900100000-agent-registry';
import { GovernancePolicies1763900200000 } from './1763900200000-governance-policies';
import { SkillsAndChannels1763900300000 } from './1763900300000-skills-and-channels';
import { CostsBudgetsAlerts1763900400000 } from './1763900400000-costs-budgets-alerts';
import { AiModelTier1764700000000 } from './1764700000000-ai-model-tier';
import { PolicyReevaluationJobs1764800000000 } from './1764800000000-policy-reevaluation-jobs';
import { ApiKeyUseWithoutWaiting1764900000000 } from './1764900000000-api-key-use-without-waiting';
import { RowSecurityForced1765090000000 } from './1765090000000-row-security-forced';
import { WaiverLapseJobs1765100000000 } from './1765100000000-waiver-lapse-jobs';
import { PolicyScopeKeys1765200000000 } from './1765200000000-policy-scope-keys';
import { Compliance1765300000000 } from './1765300000000-compliance';
import { ComplianceExportJobs1765300100000 } from './1765300100000-compliance-export-jobs';
import { Observability1765400000000 } from './1765400000000-observability';
import { Architectures1765600000000 } from './1765600000000-architectures';
import { Approvals1765500000000 } from './1765500000000-approvals';
import { Workflows1765500100000 } from './1765500100000-workflows';
import { WorkflowExecutions1765500200000 } from './1765500200000-workflow-executions';
import { AgentTasks17657000000000 } from './17657000000000-agent-tasks';
import { WorkflowTriggers17657000100000 } from './17657000100000-workflow-triggers';
import { AuditPartitions17659000000000 } from './17659000000000-audit-partitions';
import { ArchitectureGovernance17660000000000 } from './17660000000000-architecture-governance';
import { CostEntriesByArchitecture17660000100000 } from './17660000100000-cost-entries-by-architecture';
import { CustomRoles17661000000000 } from './17661000000000-custom-roles';
import { DomainEvents17662000000000 } from './17662000000000-domain-events';
import { Webhooks17662100000000 } from './17662100000000-webhooks';
import { PlansAndSubscriptions17663000000000 } from './17663000000000-plans-and-subscriptions';
import { Sso17664500000000 } from './17664500000000-sso';
import { ComplianceExceptionLapse17665000000000 } from './17665000000000-compliance-exception-lapse';
import { MetricRetentionPlans17666000000000 } from './17666000000000-metric-retention-plans';
import { WorkflowWebhookLimits17667000000000 } from './17667000000000-workflow-webhook-limits';
import { WorkflowEventTriggers17667000100000 } from './17667000100000-workflow-event-triggers';
import { InvitationCustomRoles17668000000000 } from './17668000000000-invitation-custom-roles';
import { ApiKeyScopes17668100000000 } from './17668100000000-api-key-scopes';
import { TrialExpiry17670000000000 } from './17670000000000-trial-expiry';
import { MailOutbox17672000000000 } from './17672000000000-mail-outbox';
import { AccountTokens17672000100000 } from './17672000100000-account-tokens';
import { SessionMethods17672000200000 } from './17672000200000-session-methods';
import { Notifications17673000000000 } from './17673000000000-notifications';
import { TenantUsageDays17674000000000 } from './17674000000000-tenant-usage-days';
import { AgentTaskClaimExpiry17675000000000 } from './17675000000000-agent-task-claim-expiry';
import { MailOutboxPlatform17677000000000 } from './17677000000000-mail-outbox-platform';
import { Mfa17680000000000 } from './17680000000000-mfa';
import { AccountLifecycle17681000000000 } from './17681000000000-account-lifecycle';
import { ChannelDeliveries17682000000000 } from './17682000000000-channel-deliveries';
import { MetricDirtyHoursWithoutWaits17683000000000 } from './17683000000000-metric-dirty-hours-without-waits';
import { SoftDelete17684000000000 } from './17684000000000-soft-delete';
import { HrRecords17685000000000 } from './17685000000000-hr-records';
import { PersonalDataExports17685100000000 } from './17685100000000-personal-data-exports';
import { ErasableAuditChain17685200000000 } from './17685200000000-erasable-audit-chain';
import { FrameworkCertificationAlerts17686000000000 } from './17686000000000-framework-certification-alerts';
import { EmailChangeTokens17687000000000 } from './17687000000000-email-change-tokens';
import { EvaluationRunEvents17689000000000 } from './17689000000000-evaluation-run-events';
import { MemberSoftDelete17691000000000 } from './17691000000000-member-soft-delete';
import { MemberMfaReset17692000000000 } from './17692000000000-member-mfa-reset';
import { ReadOnlyAtOpening17696000000000 } from './17696000000000-read-only-at-opening';
import { ApprovalStepEvents17697200000000 } from './17697200000000-approval-step-events';
import { MemberMfaState17697300000000 } from './17697300000000-member-mfa-state';
import { HrSubjectIndex17697400000000 } from './17697400000000-hr-subject-index';
import { ApprovalProgressEvents17697600000000 } from './17697600000000-approval-progress-events';

/** Every migration, in order. A module that needs tables adds its migration here. */
export const migrations = [
  IdentityAndAudit1763900000000,
  AgentRegistry1763900100000,
  GovernancePolicies1763900200000,
  SkillsAndChannels1763900300000,
  CostsBudgetsAlerts1763900400000,
  AiModelTier1764700000000,
  PolicyReevaluationJobs1764800000000,
  ApiKeyUseWithoutWaiting1764900000000,
  RowSecurityForced1765090000000,
  WaiverLapseJobs1765100000000,
  PolicyScopeKeys1765200000000,
  Compliance1765300000000,
  ComplianceExportJobs1765300100000,
  Observability1765400000000,
  Approvals1765500000000,
  Workflows1765500100000,
  WorkflowExecutions1765500200000,
  Architectures1765600000000,
  AuditPartitions17659000000000,
  ArchitectureGovernance17660000000000,
  CostEntriesByArchitecture17660000100000,
  CustomRoles17661000000000,
  DomainEvents17662000000000,
  AgentTasks17657000000000,
  WorkflowTriggers17657000100000,
  Webhooks17662100000000,
  PlansAndSubscriptions17663000000000,
  Sso17664500000000,
  WorkflowWebhookLimits17667000000000,
  ComplianceExceptionLapse17665000000000,
  InvitationCustomRoles17668000000000,
  MetricRetentionPlans17666000000000,
  TrialExpiry17670000000000,
  WorkflowEventTriggers17667000100000,
  ApiKeyScopes17668100000000,
  MailOutbox17672000000000,
  TenantUsageDays17674000000000,
  AccountTokens17672000100000,
  SessionMethods17672000200000,
  AgentTaskClaimExpiry17675000000000,
  Notifications17673000000000,
  MailOutboxPlatform17677000000000,
  SoftDelete17684000000000,
  HrRecords17685000000000,
  AccountLifecycle17681000000000,
  Mfa17680000000000,
  ChannelDeliveries17682000000000,
  FrameworkCertificationAlerts17686000000000,
  MetricDirtyHoursWithoutWaits17683000000000,
  PersonalDataExports17685100000000,
  ErasableAuditChain17685200000000,
  EmailChangeTokens17687000000000,
  EvaluationRunEvents17689000000000,
  MemberSoftDelete17691000000000,
  MemberMfaReset17692000000000,
  ReadOnlyAtOpening17696000000000,
  ApprovalStepEvents17697200000000,
  MemberMfaState17697300000000,
  HrSubjectIndex17697400000000,
  ApprovalProgressEvents17697600000000,
];
