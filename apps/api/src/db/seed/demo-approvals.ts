// The seed runs the agents and approvals services, whose types carry decorator metadata.
import 'reflect-metadata';
import type { TenantScope } from '../../scope';
import { toGlobalId } from '../../graphql/global-id';
import { AgentCreateInput, type AgentPayload, type AgentRole, changeLifecycle, createAgent, type ModelTier, type ThinkingMode } from '../../modules/agents';
import {
  ApprovalDeciderKind,
  ApprovalFormFieldType,
  ApprovalMode,
  ApprovalSubjectKind,
  ApprovalTimeoutAction,
  decideApprovalRequest,
  openApprovalRequest,
} from '../../modules/approvals';
import { PolicyEnforcement, PolicyScopeKind, PolicySeverity, PolicyType } from '../../modules/policies';
import { Role } from '../../auth/roles';
import type { SeedAs } from './demo-agents';
import { stableUuid } from './deterministic';

/** Deploys of Opus agents doing regulated work are held until someone other than the developer approves them. */
export const OPUS_APPROVAL_POLICY = 'Opus deploys in regulated work need approval';

const held = [
  { name: 'Contract Reviewer', description: 'Reads supplier contracts and flags unusual clauses', tags: ['legal', 'regulated'], cost: '0.0450', deploy: false },
  { name: 'Claims Assistant', description: 'Drafts first answers to insurance claims', tags: ['support', 'regulated'], cost: '0.0380', deploy: true },
];

function agentInput(slug: string, a: (typeof held)[number]): AgentCreateInput {
  return Object.assign(new AgentCreateInput(), {
    name: a.name,
    description: a.description,
    role: 'operations' as AgentRole,
    modelId: toGlobalId('AiModel', stableUuid(`model:${slug}:opus`)),
    modelTier: 'opus' as ModelTier,
    thinkingMode: 'low' as ThinkingMode,
    costPerRequest: a.cost,
    configuration: { maxTokens: 4096, systemPrompt: `You are the ${a.name}.` },
    toolPolicy: { allow: ['search'], deny: ['shell'] },
    tags: a.tags,
    capabilities: ['read documents'],
    limitations: ['no production writes'],
  });
}

function expect(payload: AgentPayload, what: string, heldForApproval: boolean): void {
  if (payload.userErrors.length || (heldForApproval ? !payload.heldForApproval : !payload.agent))
    throw new Error(`seeding ${what} failed: ${payload.userErrors.map((e) => e.message).join('; ') || 'not as expected'}`);
}

/**
 * Acme's approvals: a require-approval policy on Opus deploys of regulated agents; a draft agent it
 * will hold (the browser story deploys it); a deploy already waiting in the compliance inbox; and a
 * decided sign-off request with a form, for history.
 */
export async function seedApprovals(as: SeedAs, slug: string, people: { admin: string; developer: string; compliance: string }): Promise<void> {
  await as(people.admin, async (scope: TenantScope) => {
    const id = stableUuid(`policy:${slug}:opus-approval`);
    const rules = [
      {
        name: 'Opus deploy needs approval',
        condition: 'change.action == "deploy" && agent.modelTier == "opus"',
        message: 'Deploying an Opus agent that does regulated work needs the approval of a compliance officer or an admin',
      },
    ];
    await scope.tx.manager.query(
      `INSERT INTO policies (id, tenant_id, name, description, type, category, severity, enforcement, rules, scope_kind, scope_tags, created_by_id, created_at, updated_at)
       VALUES ($1,$2,$3,$4,$5,'governance',$6,$7,$8,$9,$10,$11, now() - interval '9 days', now() - interval '9 days')`,
      [
        id,
        scope.caller.tenantId,
        OPUS_APPROVAL_POLICY,
        'Opus agents in regulated areas go live only with a second pair of eyes.',
        PolicyType.AGENT,
        PolicySeverity.HIGH,
        PolicyEnforcement.REQUIRE_APPROVAL,
        JSON.stringify(rules),
        PolicyScopeKind.TAGS,
        ['regulated'],
        scope.caller.userId,
      ],
    );
    await scope.tx.manager.query(
      `INSERT INTO policy_versions (tenant_id, policy_id, version, name, description, type, category, severity, enforcement, rules, scope, created_by_id, created_at)
       SELECT tenant_id, id, 1, name, description, type, category, severity, enforcement, rules, $2, created_by_id, created_at FROM policies WHERE id = $1`,
      [id, { kind: PolicyScopeKind.TAGS, tags: ['regulated'], agentIds: [] }],
    );
  });
  for (const a of held) {
    const agentId = stableUuid(`agent:${slug}:${a.name}`);
    await as(people.developer, async (scope) => expect(await createAgent(scope, agentInput(slug, a), agentId), a.name, false));
    if (a.deploy) await as(people.developer, async (scope) => expect(await changeLifecycle(scope, agentId, 'deploy', 'Pilot with the claims team'), a.name, true));
  }
  const signOff = stableUuid(`approval:${slug}:q3-access-review`);
  await as(people.developer, (scope) =>
    openApprovalRequest(
      scope,
      {
        kind: ApprovalSubjectKind.MANUAL,
        title: 'Sign off the Q3 agent access review',
        summary: 'Every agent with production tools was reviewed; 3 tool grants were removed.',
        steps: [
          {
            name: 'Compliance sign-off',
            mode: ApprovalMode.SINGLE,
            deciders: [{ kind: ApprovalDeciderKind.ROLE, role: Role.COMPLIANCE_OFFICER }],
            timeoutSeconds: 14 * 24 * 3600,
            onTimeout: ApprovalTimeoutAction.ESCALATE,
          },
          { name: 'Admin sign-off', mode: ApprovalMode.SINGLE, deciders: [{ kind: ApprovalDeciderKind.ROLE, role: Role.ADMIN }], onTimeout: ApprovalTimeoutAction.EXPIRE },
        ],
        formFields: [
          { key: 'riskRating', label: 'Residual risk', type: ApprovalFormFieldType.SELECT, required: true, options: ['low', 'medium', 'high'] },
          { key: 'evidenceChecked', label: 'Evidence checked', type: ApprovalFormFieldType.BOOLEAN, required: true, options: [] },
        ],
      },
      signOff,
    ),
  );
  await as(people.compliance, (scope) =>
    decideApprovalRequest(scope, signOff, 'approve', 'Reviewed the grant removals; evidence is attached to CR-2210', { riskRating: 'low', evidenceChecked: true }),
  );
  await as(people.admin, (scope) => decideApprovalRequest(scope, signOff, 'approve', 'Agreed', { riskRating: 'low', evidenceChecked: true }));
}
