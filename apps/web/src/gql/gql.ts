/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation SessionCreate($input: SessionCreateInput!) {\n    sessionCreate(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.SessionCreateDocument,
    "\n  mutation SessionRefresh {\n    sessionRefresh(input: {}) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n": typeof types.SessionRefreshDocument,
    "\n  mutation SessionRevoke {\n    sessionRevoke(input: {}) {\n      ok\n    }\n  }\n": typeof types.SessionRevokeDocument,
    "\n  mutation SessionTenantSwitch($input: SessionTenantSwitchInput!) {\n    sessionTenantSwitch(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.SessionTenantSwitchDocument,
    "\n  query ShellViewer {\n    viewer {\n      signedIn\n      role\n      isPlatformAdmin\n      user {\n        id\n        fullName\n        email\n      }\n      tenant {\n        id\n        name\n        slug\n        plan\n        status\n      }\n      memberships {\n        id\n        role\n        tenant {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": typeof types.ShellViewerDocument,
    "\n  query ApiKeys($first: Int!, $after: String, $filter: ApiKeyFilter) {\n    apiKeys(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ApiKeyRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    role\n    status\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdBy {\n      id\n      fullName\n    }\n  }\n": typeof types.ApiKeyRowFragmentDoc,
    "\n  mutation ApiKeyRevoke($input: ApiKeyRevokeInput!) {\n    apiKeyRevoke(input: $input) {\n      apiKey {\n        ...ApiKeyRow\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ApiKeyRevokeDocument,
    "\n  mutation ApiKeyCreate($input: ApiKeyCreateInput!) {\n    apiKeyCreate(input: $input) {\n      apiKey {\n        ...ApiKeyRow\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ApiKeyCreateDocument,
    "\n  fragment AuditEntryRow on AuditEntry {\n    id\n    seq\n    createdAt\n    action\n    outcome\n    errorCode\n    actorType\n    actorLabel\n    actorUser {\n      id\n      fullName\n    }\n    actorApiKey {\n      id\n      name\n    }\n    entityType\n    entityName\n    entityGlobalId\n    before\n    after\n    requestId\n    ip\n    userAgent\n    hash\n    prevHash\n  }\n": typeof types.AuditEntryRowFragmentDoc,
    "\n  query AuditActors {\n    members(first: 100, orderBy: { field: FULL_NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          user {\n            id\n            fullName\n          }\n        }\n      }\n    }\n    apiKeys(first: 100) {\n      edges {\n        node {\n          id\n          name\n          prefix\n        }\n      }\n    }\n  }\n": typeof types.AuditActorsDocument,
    "\n  query AuditEntries($first: Int!, $after: String, $filter: AuditEntryFilter) {\n    auditEntries(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...AuditEntryRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditEntriesDocument,
    "\n  query AuditChainVerification {\n    auditChainVerification {\n      valid\n      checkedCount\n      problem\n      verifiedAt\n      firstBrokenEntry {\n        id\n        seq\n        action\n      }\n    }\n  }\n": typeof types.AuditChainVerificationDocument,
    "\n  query PendingInvitations($first: Int!, $after: String, $filter: InvitationFilter) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          email\n          role\n          createdAt\n          expiresAt\n          effectiveStatus\n          invitedBy {\n            id\n            fullName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.PendingInvitationsDocument,
    "\n  mutation InvitationRevoke($input: InvitationRevokeInput!) {\n    invitationRevoke(input: $input) {\n      invitation {\n        id\n        effectiveStatus\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.InvitationRevokeDocument,
    "\n  mutation InvitationCreate($input: InvitationCreateInput!) {\n    invitationCreate(input: $input) {\n      invitation {\n        id\n        email\n        role\n        expiresAt\n      }\n      token\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.InvitationCreateDocument,
    "\n  query Members($first: Int!, $after: String, $filter: MembershipFilter, $orderBy: MembershipOrder, $withEmail: Boolean!, $withLastLogin: Boolean!) {\n    members(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...MemberRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.MembersDocument,
    "\n  fragment MemberRow on Membership {\n    id\n    role\n    createdAt\n    user {\n      id\n      fullName\n      email @include(if: $withEmail)\n      lastLoginAt @include(if: $withLastLogin)\n    }\n  }\n": typeof types.MemberRowFragmentDoc,
    "\n  mutation MembershipRoleChange($input: MembershipRoleChangeInput!) {\n    membershipRoleChange(input: $input) {\n      membership {\n        id\n        role\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.MembershipRoleChangeDocument,
    "\n  mutation MembershipRemove($input: MembershipRemoveInput!) {\n    membershipRemove(input: $input) {\n      removedMembershipId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.MembershipRemoveDocument,
    "\n  query Overview($withKeys: Boolean!) {\n    tenant {\n      id\n      name\n      plan\n      status\n      createdAt\n      resourceLimits {\n        maxAgents\n        maxApiKeys\n        maxMembers\n      }\n    }\n    members(first: 0) {\n      totalCount\n    }\n    apiKeys(first: 0, filter: { statuses: [active] }) @include(if: $withKeys) {\n      totalCount\n    }\n  }\n": typeof types.OverviewDocument,
};
const documents: Documents = {
    "\n  mutation SessionCreate($input: SessionCreateInput!) {\n    sessionCreate(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.SessionCreateDocument,
    "\n  mutation SessionRefresh {\n    sessionRefresh(input: {}) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n": types.SessionRefreshDocument,
    "\n  mutation SessionRevoke {\n    sessionRevoke(input: {}) {\n      ok\n    }\n  }\n": types.SessionRevokeDocument,
    "\n  mutation SessionTenantSwitch($input: SessionTenantSwitchInput!) {\n    sessionTenantSwitch(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.SessionTenantSwitchDocument,
    "\n  query ShellViewer {\n    viewer {\n      signedIn\n      role\n      isPlatformAdmin\n      user {\n        id\n        fullName\n        email\n      }\n      tenant {\n        id\n        name\n        slug\n        plan\n        status\n      }\n      memberships {\n        id\n        role\n        tenant {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n": types.ShellViewerDocument,
    "\n  query ApiKeys($first: Int!, $after: String, $filter: ApiKeyFilter) {\n    apiKeys(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ApiKeyRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    role\n    status\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdBy {\n      id\n      fullName\n    }\n  }\n": types.ApiKeyRowFragmentDoc,
    "\n  mutation ApiKeyRevoke($input: ApiKeyRevokeInput!) {\n    apiKeyRevoke(input: $input) {\n      apiKey {\n        ...ApiKeyRow\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ApiKeyRevokeDocument,
    "\n  mutation ApiKeyCreate($input: ApiKeyCreateInput!) {\n    apiKeyCreate(input: $input) {\n      apiKey {\n        ...ApiKeyRow\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ApiKeyCreateDocument,
    "\n  fragment AuditEntryRow on AuditEntry {\n    id\n    seq\n    createdAt\n    action\n    outcome\n    errorCode\n    actorType\n    actorLabel\n    actorUser {\n      id\n      fullName\n    }\n    actorApiKey {\n      id\n      name\n    }\n    entityType\n    entityName\n    entityGlobalId\n    before\n    after\n    requestId\n    ip\n    userAgent\n    hash\n    prevHash\n  }\n": types.AuditEntryRowFragmentDoc,
    "\n  query AuditActors {\n    members(first: 100, orderBy: { field: FULL_NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          user {\n            id\n            fullName\n          }\n        }\n      }\n    }\n    apiKeys(first: 100) {\n      edges {\n        node {\n          id\n          name\n          prefix\n        }\n      }\n    }\n  }\n": types.AuditActorsDocument,
    "\n  query AuditEntries($first: Int!, $after: String, $filter: AuditEntryFilter) {\n    auditEntries(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...AuditEntryRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditEntriesDocument,
    "\n  query AuditChainVerification {\n    auditChainVerification {\n      valid\n      checkedCount\n      problem\n      verifiedAt\n      firstBrokenEntry {\n        id\n        seq\n        action\n      }\n    }\n  }\n": types.AuditChainVerificationDocument,
    "\n  query PendingInvitations($first: Int!, $after: String, $filter: InvitationFilter) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          email\n          role\n          createdAt\n          expiresAt\n          effectiveStatus\n          invitedBy {\n            id\n            fullName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.PendingInvitationsDocument,
    "\n  mutation InvitationRevoke($input: InvitationRevokeInput!) {\n    invitationRevoke(input: $input) {\n      invitation {\n        id\n        effectiveStatus\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.InvitationRevokeDocument,
    "\n  mutation InvitationCreate($input: InvitationCreateInput!) {\n    invitationCreate(input: $input) {\n      invitation {\n        id\n        email\n        role\n        expiresAt\n      }\n      token\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.InvitationCreateDocument,
    "\n  query Members($first: Int!, $after: String, $filter: MembershipFilter, $orderBy: MembershipOrder, $withEmail: Boolean!, $withLastLogin: Boolean!) {\n    members(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...MemberRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.MembersDocument,
    "\n  fragment MemberRow on Membership {\n    id\n    role\n    createdAt\n    user {\n      id\n      fullName\n      email @include(if: $withEmail)\n      lastLoginAt @include(if: $withLastLogin)\n    }\n  }\n": types.MemberRowFragmentDoc,
    "\n  mutation MembershipRoleChange($input: MembershipRoleChangeInput!) {\n    membershipRoleChange(input: $input) {\n      membership {\n        id\n        role\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.MembershipRoleChangeDocument,
    "\n  mutation MembershipRemove($input: MembershipRemoveInput!) {\n    membershipRemove(input: $input) {\n      removedMembershipId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.MembershipRemoveDocument,
    "\n  query Overview($withKeys: Boolean!) {\n    tenant {\n      id\n      name\n      plan\n      status\n      createdAt\n      resourceLimits {\n        maxAgents\n        maxApiKeys\n        maxMembers\n      }\n    }\n    members(first: 0) {\n      totalCount\n    }\n    apiKeys(first: 0, filter: { statuses: [active] }) @include(if: $withKeys) {\n      totalCount\n    }\n  }\n": types.OverviewDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionCreate($input: SessionCreateInput!) {\n    sessionCreate(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionCreate($input: SessionCreateInput!) {\n    sessionCreate(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionRefresh {\n    sessionRefresh(input: {}) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation SessionRefresh {\n    sessionRefresh(input: {}) {\n      accessToken\n      accessTokenExpiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionRevoke {\n    sessionRevoke(input: {}) {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation SessionRevoke {\n    sessionRevoke(input: {}) {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SessionTenantSwitch($input: SessionTenantSwitchInput!) {\n    sessionTenantSwitch(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SessionTenantSwitch($input: SessionTenantSwitchInput!) {\n    sessionTenantSwitch(input: $input) {\n      accessToken\n      accessTokenExpiresAt\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ShellViewer {\n    viewer {\n      signedIn\n      role\n      isPlatformAdmin\n      user {\n        id\n        fullName\n        email\n      }\n      tenant {\n        id\n        name\n        slug\n        plan\n        status\n      }\n      memberships {\n        id\n        role\n        tenant {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ShellViewer {\n    viewer {\n      signedIn\n      role\n      isPlatformAdmin\n      user {\n        id\n        fullName\n        email\n      }\n      tenant {\n        id\n        name\n        slug\n        plan\n        status\n      }\n      memberships {\n        id\n        role\n        tenant {\n          id\n          name\n          slug\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys($first: Int!, $after: String, $filter: ApiKeyFilter) {\n    apiKeys(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ApiKeyRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys($first: Int!, $after: String, $filter: ApiKeyFilter) {\n    apiKeys(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...ApiKeyRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    role\n    status\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdBy {\n      id\n      fullName\n    }\n  }\n"): (typeof documents)["\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    prefix\n    role\n    status\n    createdAt\n    lastUsedAt\n    expiresAt\n    revokedAt\n    createdBy {\n      id\n      fullName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiKeyRevoke($input: ApiKeyRevokeInput!) {\n    apiKeyRevoke(input: $input) {\n      apiKey {\n        ...ApiKeyRow\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApiKeyRevoke($input: ApiKeyRevokeInput!) {\n    apiKeyRevoke(input: $input) {\n      apiKey {\n        ...ApiKeyRow\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApiKeyCreate($input: ApiKeyCreateInput!) {\n    apiKeyCreate(input: $input) {\n      apiKey {\n        ...ApiKeyRow\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ApiKeyCreate($input: ApiKeyCreateInput!) {\n    apiKeyCreate(input: $input) {\n      apiKey {\n        ...ApiKeyRow\n      }\n      secret\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuditEntryRow on AuditEntry {\n    id\n    seq\n    createdAt\n    action\n    outcome\n    errorCode\n    actorType\n    actorLabel\n    actorUser {\n      id\n      fullName\n    }\n    actorApiKey {\n      id\n      name\n    }\n    entityType\n    entityName\n    entityGlobalId\n    before\n    after\n    requestId\n    ip\n    userAgent\n    hash\n    prevHash\n  }\n"): (typeof documents)["\n  fragment AuditEntryRow on AuditEntry {\n    id\n    seq\n    createdAt\n    action\n    outcome\n    errorCode\n    actorType\n    actorLabel\n    actorUser {\n      id\n      fullName\n    }\n    actorApiKey {\n      id\n      name\n    }\n    entityType\n    entityName\n    entityGlobalId\n    before\n    after\n    requestId\n    ip\n    userAgent\n    hash\n    prevHash\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditActors {\n    members(first: 100, orderBy: { field: FULL_NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          user {\n            id\n            fullName\n          }\n        }\n      }\n    }\n    apiKeys(first: 100) {\n      edges {\n        node {\n          id\n          name\n          prefix\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditActors {\n    members(first: 100, orderBy: { field: FULL_NAME, direction: ASC }) {\n      edges {\n        node {\n          id\n          user {\n            id\n            fullName\n          }\n        }\n      }\n    }\n    apiKeys(first: 100) {\n      edges {\n        node {\n          id\n          name\n          prefix\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditEntries($first: Int!, $after: String, $filter: AuditEntryFilter) {\n    auditEntries(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...AuditEntryRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditEntries($first: Int!, $after: String, $filter: AuditEntryFilter) {\n    auditEntries(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...AuditEntryRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditChainVerification {\n    auditChainVerification {\n      valid\n      checkedCount\n      problem\n      verifiedAt\n      firstBrokenEntry {\n        id\n        seq\n        action\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditChainVerification {\n    auditChainVerification {\n      valid\n      checkedCount\n      problem\n      verifiedAt\n      firstBrokenEntry {\n        id\n        seq\n        action\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PendingInvitations($first: Int!, $after: String, $filter: InvitationFilter) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          email\n          role\n          createdAt\n          expiresAt\n          effectiveStatus\n          invitedBy {\n            id\n            fullName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query PendingInvitations($first: Int!, $after: String, $filter: InvitationFilter) {\n    invitations(first: $first, after: $after, filter: $filter) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          email\n          role\n          createdAt\n          expiresAt\n          effectiveStatus\n          invitedBy {\n            id\n            fullName\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitationRevoke($input: InvitationRevokeInput!) {\n    invitationRevoke(input: $input) {\n      invitation {\n        id\n        effectiveStatus\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InvitationRevoke($input: InvitationRevokeInput!) {\n    invitationRevoke(input: $input) {\n      invitation {\n        id\n        effectiveStatus\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InvitationCreate($input: InvitationCreateInput!) {\n    invitationCreate(input: $input) {\n      invitation {\n        id\n        email\n        role\n        expiresAt\n      }\n      token\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation InvitationCreate($input: InvitationCreateInput!) {\n    invitationCreate(input: $input) {\n      invitation {\n        id\n        email\n        role\n        expiresAt\n      }\n      token\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Members($first: Int!, $after: String, $filter: MembershipFilter, $orderBy: MembershipOrder, $withEmail: Boolean!, $withLastLogin: Boolean!) {\n    members(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...MemberRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query Members($first: Int!, $after: String, $filter: MembershipFilter, $orderBy: MembershipOrder, $withEmail: Boolean!, $withLastLogin: Boolean!) {\n    members(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...MemberRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberRow on Membership {\n    id\n    role\n    createdAt\n    user {\n      id\n      fullName\n      email @include(if: $withEmail)\n      lastLoginAt @include(if: $withLastLogin)\n    }\n  }\n"): (typeof documents)["\n  fragment MemberRow on Membership {\n    id\n    role\n    createdAt\n    user {\n      id\n      fullName\n      email @include(if: $withEmail)\n      lastLoginAt @include(if: $withLastLogin)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembershipRoleChange($input: MembershipRoleChangeInput!) {\n    membershipRoleChange(input: $input) {\n      membership {\n        id\n        role\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MembershipRoleChange($input: MembershipRoleChangeInput!) {\n    membershipRoleChange(input: $input) {\n      membership {\n        id\n        role\n        updatedAt\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MembershipRemove($input: MembershipRemoveInput!) {\n    membershipRemove(input: $input) {\n      removedMembershipId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation MembershipRemove($input: MembershipRemoveInput!) {\n    membershipRemove(input: $input) {\n      removedMembershipId\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Overview($withKeys: Boolean!) {\n    tenant {\n      id\n      name\n      plan\n      status\n      createdAt\n      resourceLimits {\n        maxAgents\n        maxApiKeys\n        maxMembers\n      }\n    }\n    members(first: 0) {\n      totalCount\n    }\n    apiKeys(first: 0, filter: { statuses: [active] }) @include(if: $withKeys) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query Overview($withKeys: Boolean!) {\n    tenant {\n      id\n      name\n      plan\n      status\n      createdAt\n      resourceLimits {\n        maxAgents\n        maxApiKeys\n        maxMembers\n      }\n    }\n    members(first: 0) {\n      totalCount\n    }\n    apiKeys(first: 0, filter: { statuses: [active] }) @include(if: $withKeys) {\n      totalCount\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;