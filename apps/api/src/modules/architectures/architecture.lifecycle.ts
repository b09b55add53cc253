import { ArchitectureStatus } from './architecture.entity';

export type ArchitectureAction = 'activate' | 'archive';

const transitions: Record<ArchitectureAction, { from: ArchitectureStatus[]; to: ArchitectureStatus }> = {
  activate: { from: [ArchitectureStatus.DRAFT], to: ArchitectureStatus.ACTIVE },
  archive: { from: [ArchitectureStatus.DRAFT, ArchitectureStatus.ACTIVE], to: ArchitectureStatus.ARCHIVED },
};

/** The status an action leads to, or why it cannot happen from `current`. */
export function nextArchitectureStatus(current: ArchitectureStatus, action: ArchitectureAction): { status: ArchitectureStatus } | { refusal: string } {
  const rule = transitions[action];
  if (rule.from.includes(current)) return { status: rule.to };
  if (current === ArchitectureStatus.ARCHIVED) return { refusal: 'The architecture is archived and read-only' };
  return { refusal: `An ${current} architecture cannot ${action}; only a ${rule.from.join(' or ')} one can` };
}
