import type { TenantScope } from '../../scope';
import { toGlobalId } from '../../graphql/global-id';
import {
  ComplianceEvidenceKind,
  ComplianceReviewFrequency,
  createControl,
  createEvidence,
  createFrameworkFromTemplate,
  grantException,
  reviewEvidence,
  setRequirementApplicable,
  snapshotScores,
  storeEvidenceFile,
  submitEvidence,
} from '../../modules/compliance';
import { ComplianceRecordKind, ComplianceRecordStatus, ComplianceRecordSubjectKind, createRecord, reviewRecord } from '../../modules/compliance-records';
import type { SeedAs } from './demo-agents';
import { stableUuid } from './deterministic';

const frameworkKey = (template: string) => (code: string | null) => stableUuid(`compliance:acme:${template}:${code ?? 'framework'}`);
const requirement = (template: string, code: string) => toGlobalId('ComplianceRequirement', frameworkKey(template)(code));
const control = (key: string) => stableUuid(`compliance:acme:control:${key}`);
const day = (offset: number) => new Date(Date.now() + offset * 86400_000).toISOString().slice(0, 10);

interface DemoControl {
  key: string;
  name: string;
  description: string;
  frequency: ComplianceReviewFrequency;
  evidenceRequired: boolean;
  policies: string[];
  soc2: string[];
  iso27001: string[];
}

const controls: DemoControl[] = [
  {
    key: 'agent-change-gate',
    name: 'Agent change gate',
    description: 'Every change to an agent is judged by the blocking governance policies before it takes effect; their decisions are the evidence.',
    frequency: ComplianceReviewFrequency.QUARTERLY,
    evidenceRequired: false,
    policies: ['opus-cost', 'pii-thinking'],
    soc2: ['CC8.1'],
    iso27001: ['A.8.32'],
  },
  {
    key: 'access-reviews',
    name: 'Quarterly access reviews',
    description: 'Admins review every membership and API key each quarter and remove what is no longer needed.',
    frequency: ComplianceReviewFrequency.QUARTERLY,
    evidenceRequired: true,
    policies: [],
    soc2: ['CC6.2', 'CC6.3'],
    iso27001: ['A.5.18'],
  },
  {
    key: 'audit-logging',
    name: 'Tamper-evident audit logging',
    description: "Steward's hash-chained audit log records who changed what; the chain is verified monthly.",
    frequency: ComplianceReviewFrequency.MONTHLY,
    evidenceRequired: true,
    policies: [],
    soc2: ['CC7.2'],
    iso27001: ['A.8.15'],
  },
  {
    key: 'incident-response',
    name: 'Incident response plan',
    description: 'A written plan for AI agent incidents: triage, containment, communication, post-mortem.',
    frequency: ComplianceReviewFrequency.ANNUALLY,
    evidenceRequired: true,
    policies: [],
    soc2: ['CC7.4'],
    iso27001: ['A.5.24', 'A.5.26'],
  },
  {
    key: 'vendor-risk',
    name: 'Model vendor risk assessment',
    description: 'Each model provider is assessed before use and yearly after.',
    frequency: ComplianceReviewFrequency.ANNUALLY,
    evidenceRequired: true,
    policies: [],
    soc2: ['CC9.2'],
    iso27001: ['A.5.19'],
  },
];

/**
 * Acme's compliance: SOC 2 and ISO 27001 from their templates (ISO 42001 is left for the demo story to
 * add), five controls mapped across both (one automated by policies), evidence at every stage, a
 * not-applicable theme, an exception and a month of score history. Written by the two compliance
 * officers through the same services as the API, so four eyes hold.
 */
export async function seedCompliance(as: SeedAs): Promise<void> {
  const cora = stableUuid('user:compliance@acme.test');
  const colin = stableUuid('user:compliance2@acme.test');
  await as(cora, async (scope) => {
    await createFrameworkFromTemplate(scope, { templateKey: 'soc2', name: null }, frameworkKey('soc2'));
    await createFrameworkFromTemplate(scope, { templateKey: 'iso27001-2022', name: null }, frameworkKey('iso27001-2022'));
    await setRequirementApplicable(
      scope,
      frameworkKey('iso27001-2022')('A.7'),
      "Acme runs no premises of its own for information processing; its cloud providers' physical controls are covered by their own certifications",
    );
    for (const c of controls) {
      await createControl(
        scope,
        {
          name: c.name,
          description: c.description,
          ownerId: null,
          reviewFrequency: c.frequency,
          evidenceRequired: c.evidenceRequired,
          policyIds: c.policies.map((p) => toGlobalId('Policy', stableUuid(`policy:acme:${p}`))),
          requirementIds: [...c.soc2.map((code) => requirement('soc2', code)), ...c.iso27001.map((code) => requirement('iso27001-2022', code))],
        },
        control(c.key),
      );
    }
    await grantException(
      scope,
      {
        requirementId: requirement('soc2', 'CC1.2'),
        controlId: null,
        reason: 'The board is being formed; the interim oversight committee covers this until the first board meeting',
        expiresAt: new Date(Date.now() + 90 * 86400_000),
      },
      stableUuid('compliance:acme:exception:cc1.2'),
    );
    const evidence = async (key: string, controlKey: string, kind: ComplianceEvidenceKind, title: string, extra: { url?: string; note?: string }) => {
      const controlId = toGlobalId('ComplianceControl', control(controlKey));
      return createEvidence(
        scope,
        { controlId, kind, title, description: '', url: extra.url ?? null, note: extra.note ?? null },
        stableUuid(`compliance:acme:evidence:${key}`),
      );
    };
    const review = await evidence('access-q3', 'access-reviews', ComplianceEvidenceKind.NOTE, 'Q3 access review sign-off', {
      note: 'All 8 memberships and 3 API keys reviewed on the first Monday of the quarter; no access removed.',
    });
    await submitEvidence(scope, review.uuid);
    const chain = await evidence('audit-chain', 'audit-logging', ComplianceEvidenceKind.FILE, 'Audit chain verification report', {});
    await storeEvidenceFile(scope, chain.uuid, {
      name: 'audit-chain-verification.txt',
      contentType: 'text/plain',
      content: Buffer.from('Audit chain verification for Acme Corporation\nResult: intact\nEntries checked: all\n'),
    });
    await submitEvidence(scope, chain.uuid);
    const plan = await evidence('ir-plan', 'incident-response', ComplianceEvidenceKind.LINK, 'Incident response plan v2', {
      url: 'https://wiki.acme.test/security/incident-response',
    });
    await submitEvidence(scope, plan.uuid);
    await evidence('vendor-draft', 'vendor-risk', ComplianceEvidenceKind.NOTE, 'Anthropic and OpenAI assessments', {
      note: 'Draft: questionnaires sent, answers pending.',
    });
    const record = (key: string, input: Parameters<typeof createRecord>[1]) => createRecord(scope, input, stableUuid(`compliance:acme:record:${key}`));
    await record('kyc-northwind', {
      kind: ComplianceRecordKind.KYC,
      subjectKind: ComplianceRecordSubjectKind.ORGANISATION,
      subjectName: 'Northwind Analytics Ltd',
      riskScore: 35,
      data: { registry: 'UK Companies House', documents: ['certificate of incorporation', 'register of directors'] },
    });
    await record('aml-fabrikam', {
      kind: ComplianceRecordKind.AML,
      subjectKind: ComplianceRecordSubjectKind.ORGANISATION,
      subjectName: 'Fabrikam Payments',
      riskScore: 18,
      data: { screening: 'adverse media', hits: 0 },
    });
    await record('ofac-contractor', {
      kind: ComplianceRecordKind.OFAC,
      subjectKind: ComplianceRecordSubjectKind.PERSON,
      subjectName: 'J. Doe (contractor)',
      riskScore: 76,
      data: { list: 'SDN', bestMatchScore: 0.87 },
    });
    await record('model-card-triage', {
      kind: ComplianceRecordKind.CUSTOM,
      customKind: 'Model card review',
      subjectKind: ComplianceRecordSubjectKind.AGENT,
      subjectName: '',
      agentId: toGlobalId('Agent', stableUuid('agent:acme:Incident Triage')),
      riskScore: 22,
      data: { reviewedSections: ['intended use', 'limitations'] },
    });
  });
  // The second officer reviews what the first submitted: approves two, leaves the plan in review for the inbox.
  await as(colin, async (scope) => {
    await reviewEvidence(scope, stableUuid('compliance:acme:evidence:access-q3'), 'approved', {
      evidenceId: '',
      renewalDue: day(75),
      comment: 'Matches the membership export',
    });
    await reviewEvidence(scope, stableUuid('compliance:acme:evidence:audit-chain'), 'approved', { evidenceId: '', renewalDue: day(12), comment: null });
    await reviewRecord(scope, stableUuid('compliance:acme:record:aml-fabrikam'), ComplianceRecordStatus.APPROVED, { recordId: '', note: 'No adverse media' });
    await reviewRecord(scope, stableUuid('compliance:acme:record:ofac-contractor'), ComplianceRecordStatus.FLAGGED, {
      recordId: '',
      note: 'Possible SDN match; contract on hold until legal clears it',
    });
    await scoreHistory(scope);
  });
}

/** A month of daily snapshots rising to today's score, so the trend chart has a history. */
async function scoreHistory(scope: TenantScope): Promise<void> {
  await snapshotScores(scope, day(0));
  await scope.tx.manager.query(
    `INSERT INTO compliance_score_snapshots (tenant_id, framework_id, day, score, met_count, applicable_count)
     SELECT s.tenant_id, s.framework_id, s.day - d, round(s.score * (0.4 + 0.6 * (30 - d) / 30.0), 2), greatest(0, s.met_count - d / 8), s.applicable_count
     FROM compliance_score_snapshots s, generate_series(1, 30) d WHERE s.tenant_id = $1 AND s.day = $2::date`,
    [scope.caller.tenantId, day(0)],
  );
}
