import { SkillStatus } from './skill.entity';

export type SkillLifecycleAction = 'publish' | 'deprecate';

const transitions: Record<SkillLifecycleAction, { from: SkillStatus; to: SkillStatus }> = {
  publish: { from: SkillStatus.DRAFT, to: SkillStatus.PUBLISHED },
  deprecate: { from: SkillStatus.PUBLISHED, to: SkillStatus.DEPRECATED },
};

/** The status an action leads to, or why it cannot happen from `current`. */
export function nextSkillStatus(current: SkillStatus, action: SkillLifecycleAction): { status: SkillStatus } | { refusal: string } {
  const rule = transitions[action];
  if (current === rule.from) return { status: rule.to };
  if (current === SkillStatus.REMOVED) return { refusal: 'The skill was removed from the marketplace and is read-only' };
  return { refusal: `A ${current} skill cannot be ${action === 'publish' ? 'published' : 'deprecated'}; only a ${rule.from} one can` };
}
