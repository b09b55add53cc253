import type { ApiKeyRowFragment, AuditEntryRowFragment, MemberRowFragment } from '../gql/graphql';
import { ApiKeyStatus, AuditActorType, AuditOutcome, Role } from '../gql/graphql';

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** withEmail: as member managers read it (emails, last sign-ins, whether two-factor is on: `mfaEnabled`). */
export function member(n: number, role: Role = Role.Developer, withEmail = true, mfaEnabled = false): MemberRowFragment {
  return {
    __typename: 'Membership',
    id: `TWVtYmVyc2hpcDo${n}`,
    role,
    customRole: null,
    createdAt: ago(60 * n),
    ...(withEmail ? { mfaEnabled } : {}),
    user: {
      __typename: 'User',
      id: `VXNlcjo${n}`,
      fullName: `Person ${n}`,
      isActive: true,
      ...(withEmail ? { email: `person${n}@acme.test`, lastLoginAt: null } : {}),
    },
  };
}

export function connection<T>(nodes: T[], { hasNextPage = false, totalCount = nodes.length, offset = 0 } = {}) {
  return {
    totalCount,
    edges: nodes.map((node, i) => ({ __typename: 'Edge', cursor: `c${offset + i}`, node })),
    pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: nodes.length ? `c${offset + nodes.length - 1}` : null },
  };
}

export function apiKey(n: number, overrides: Partial<ApiKeyRowFragment> = {}): ApiKeyRowFragment {
  return {
    __typename: 'ApiKey',
    id: `QXBpS2V5O${n}`,
    name: `Key ${n}`,
    prefix: `stw_abcdef${n}`,
    role: Role.Developer,
    customRole: null,
    status: ApiKeyStatus.Active,
    createdAt: ago(30),
    lastUsedAt: null,
    expiresAt: null,
    revokedAt: null,
    createdBy: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
    ...overrides,
  };
}

export function auditEntry(overrides: Partial<AuditEntryRowFragment> = {}): AuditEntryRowFragment {
  return {
    __typename: 'AuditEntry',
    id: 'QXVkaXRFbnRyeTox',
    seq: '7',
    createdAt: ago(2),
    action: 'membership.roleChange',
    outcome: AuditOutcome.Success,
    errorCode: null,
    actorType: AuditActorType.User,
    actorLabel: 'admin@acme.test',
    actorUser: { __typename: 'User', id: 'VXNlcjox', fullName: 'Ada Admin' },
    actorApiKey: null,
    entityType: 'Membership',
    entityName: 'dev@acme.test',
    entityGlobalId: 'TWVtYmVyc2hpcDoy',
    before: { role: 'developer' },
    after: { role: 'admin' },
    requestId: 'req-1',
    ip: '127.0.0.1',
    userAgent: 'jest',
    hash: 'a'.repeat(64),
    prevHash: 'b'.repeat(64),
    ...overrides,
  };
}
