// The seed runs the agents and approvals services, whose types carry decorator metadata.
import 'reflect-metadata';
import type { TenantScope } from '../../scope';
import { toGlobalId } from '../../graphql/global-id';
import { AgentCreateInput, type AgentPayload, type AgentRole, createAgent, type ModelTier, type ThinkingMode } from '../../modules/agents';
import {
  ApprovalDeciderKind,
  ApprovalFormFieldType,
  ApprovalMode,
  ApprovalSubjectKind,
  ApprovalTimeoutAction,
  decideApprovalRequest,
  openApprovalRequest,
} from '../../modules/approvals';
import { changeArchitectureLifecycle } from '../../modules/architectures';
import { PolicyEnforcement, PolicyScopeKind, PolicySeverity, PolicyType } from '../../modules/policies';
import { Role } from '../../auth/roles';
import type { SeedAs } from './demo-agents';
import { stableUuid } from './deterministic';

/** Deploys of Opus agents doing regulated work are held until someone other than the developer approves them. */
/** Acme's multi-cloud draft, whose activation waits for approval when the demo starts. */
export const HELD_ARCHITECTURE = 'Evaluation lakehouse';
export const OPUS_APPROVAL_POLICY = 'Opus deploys in regulated work need approval';

/** The draft the browser story deploys; named to sort after the other demo agents, whose lists tests page through by name. */
export const HELD_AGENT = {
  name: 'Vendor Contract Reviewer',
  description: 'Reads supplier contracts and flags unusual clauses',
  tags: ['legal', 'regulated'],
  cost: '0.0450',
};

function agentInput(slug: string, a: typeof HELD_AGENT): AgentCreateInput {
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

function expectApplied(payload: AgentPayload, what: string): void {
  if (payload.userErrors.length || !payload.agent) throw new Error(`seeding ${what} failed: ${payload.userErrors.map((e) => e.message).join('; ')}`);
}

/** The draft agent the browser story deploys, registered with the other demo agents (before the policies judge them all). */
export async function seedHeldAgent(as: SeedAs, slug: string, developer: string): Promise<void> {
  const agentId = stableUuid(`agent:${slug}:${HELD_AGENT.name}`);
  await as(developer, async (scope) => expectApplied(await createAgent(scope, agentInput(slug, HELD_AGENT), agentId), HELD_AGENT.name));
}

/**
 * Acme's approvals: a require-approval policy on Opus deploys of regulated agents; a draft agent it
 * will hold (the browser story deploys it); a request already waiting in the compliance inbox; and a
 * decided two-step sign-off with a form, for history; and the activation of the multi-cloud draft
 * design, held by the seeded require-approval architecture policy.
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
  // Waiting in the compliance officers' and admins' inboxes when the demo starts.
  await as(people.developer, (scope) =>
    openApprovalRequest(
      scope,
      {
        kind: ApprovalSubjectKind.MANUAL,
        title: 'Allow the support agents to keep EU tickets for 90 days',
        summary: 'Support Summariser needs 90 days of EU ticket history to spot repeat incidents; the default retention is 30 days.',
        steps: [
          {
            name: 'Compliance review',
            mode: ApprovalMode.SINGLE,
            deciders: [{ kind: ApprovalDeciderKind.ROLE, role: Role.COMPLIANCE_OFFICER }],
            timeoutSeconds: 3 * 24 * 3600,
            onTimeout: ApprovalTimeoutAction.ESCALATE,
          },
          {
            name: 'Admin review',
            mode: ApprovalMode.SINGLE,
            deciders: [{ kind: ApprovalDeciderKind.ROLE, role: Role.ADMIN }],
            onTimeout: ApprovalTimeoutAction.EXPIRE,
          },
        ],
        formFields: [{ key: 'retentionDays', label: 'Approved retention (days)', type: ApprovalFormFieldType.NUMBER, required: true, options: [] }],
      },
      stableUuid(`approval:${slug}:eu-retention`),
    ),
  );
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
          {
            name: 'Admin sign-off',
            mode: ApprovalMode.SINGLE,
            deciders: [{ kind: ApprovalDeciderKind.ROLE, role: Role.ADMIN }],
            onTimeout: ApprovalTimeoutAction.EXPIRE,
          },
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
    decideApprovalRequest(scope, signOff, 'approve', 'Reviewed the grant removals; evidence is attached to CR-2210', {
      riskRating: 'low',
      evidenceChecked: true,
    }),
  );
  await as(people.admin, (scope) => decideApprovalRequest(scope, signOff, 'approve', 'Agreed', { riskRating: 'low', evidenceChecked: true }));
  // The developer asks to activate the multi-cloud draft: the seeded require-approval architecture policy holds it.
  await as(people.developer, async (scope) => {
    const held = await changeArchitectureLifecycle(
      scope,
      stableUuid(`architecture:${slug}:${HELD_ARCHITECTURE}`),
      'activate',
      undefined,
      stableUuid(`approval:${slug}:lakehouse-activation`),
    );
    if (!held.heldForApproval) throw new Error(`demo architecture ${HELD_ARCHITECTURE} was not held for approval`);
  });
}
