import type { TenantScope } from '../../scope';
import { expectGlobalId } from '../../graphql/global-id';
import { UserError, UserErrorCode } from '../../graphql/user-error';
import { compile } from './cel';
import { PolicyRuleInput, PolicyScopeInput } from './policy.inputs';
import { PolicyRule, PolicyScopeKind } from './policy.entity';
import type { StoredScope } from './policy-version.entity';

function problem(field: (string | number)[], message: string): UserError {
  return { field: field.map(String), message, code: UserErrorCode.BAD_USER_INPUT };
}

/** Every problem of a policy's rules at once: duplicate names, and conditions that do not compile, with where. */
export function ruleProblems(rules: PolicyRuleInput[], path: string[]): UserError[] {
  const problems: UserError[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const name = rule.name.trim().toLowerCase();
    if (!name) problems.push(problem([...path, 'rules', i, 'name'], 'A rule needs a name'));
    else if (seen.has(name)) problems.push(problem([...path, 'rules', i, 'name'], `Two rules are named "${rule.name.trim()}"`));
    seen.add(name);
    const compiled = compile(rule.condition);
    if (!compiled.ok) problems.push(problem([...path, 'rules', i, 'condition'], compiled.message));
  });
  return problems;
}

export function cleanRules(rules: PolicyRuleInput[]): PolicyRule[] {
  return rules.map((r) => ({ name: r.name.trim(), condition: r.condition, message: r.message.trim() }));
}

/** The scope to store, or what is wrong with it; listed agents must be this tenant's. */
export async function resolveScope(ctx: TenantScope, input: PolicyScopeInput | null | undefined, path: string[]): Promise<StoredScope | UserError[]> {
  if (!input || input.kind === PolicyScopeKind.ALL) return { kind: PolicyScopeKind.ALL, tags: [], agentIds: [] };
  if (input.kind === PolicyScopeKind.TAGS) {
    const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
    return tags.length ? { kind: input.kind, tags, agentIds: [] } : [problem([...path, 'scope', 'tags'], 'A policy scoped by tags needs at least one tag')];
  }
  const ids = input.agentIds.map((id, i) => expectGlobalId(id, 'Agent', `${path.join('.')}.scope.agentIds.${i}`));
  if (!ids.length) return [problem([...path, 'scope', 'agentIds'], 'A policy scoped to listed agents needs at least one agent')];
  const found: { id: string }[] = await ctx.tx.manager.query(`SELECT id FROM agents WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [ctx.caller.tenantId, ids]);
  const known = new Set(found.map((r) => r.id));
  const missing = ids.flatMap((id, i) => (known.has(id) ? [] : [problem([...path, 'scope', 'agentIds', i], 'No such agent in this tenant')]));
  return missing.length ? missing : { kind: input.kind, tags: [], agentIds: [...new Set(ids)] };
}
