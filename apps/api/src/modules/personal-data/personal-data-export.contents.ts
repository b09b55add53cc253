import type { TenantScope } from '../../scope';
import { hrRecordsAbout } from '../hr-records';

type Row = Record<string, unknown>;

/** Column values that are credentials, never exported: hashes of passwords and tokens. */
const withoutSecrets = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !/hash|secret|token/i.test(k))));

/**
 * Columns that name a person (a foreign key to users, or a uuid column called user_id / …_user_id) that a part of
 * the export of its own reads, and those left out on purpose, with why. Every other such column of a tenant's
 * table is swept into other-records.json, so a table added later that refers to people is in the export at once;
 * one the application may not read makes the export fail rather than leave it out silently.
 */
export const READ_BY_OWN_PART: Record<string, string> = {
  'users.id': 'profile.json',
  'memberships.user_id': 'memberships.json',
  'memberships.assigned_by_id': 'memberships.json (roles the person assigned are in their audit entries)',
  'deleted_memberships.user_id': 'memberships.json (status removed)',
  'deleted_memberships.assigned_by_id': 'memberships.json',
  'deleted_memberships.deleted_by_id': 'memberships.json (removed_by)',
  'sessions.user_id': 'sessions.json',
  'audit_entries.actor_user_id': 'audit-entries.json',
  'invitations.invited_by_id': 'invitations.json (sent)',
  'api_keys.created_by_id': 'api-keys.json',
  'notifications.user_id': 'notifications.json',
  'notification_preferences.user_id': 'notifications.json (preferences)',
  'approval_requests.requested_by_id': 'approvals.json (requested)',
  'approval_decisions.decider_id': 'approvals.json (decisions)',
  'approval_comments.author_id': 'approvals.json (comments)',
  'sso_identities.user_id': 'sso-identities.json',
  'user_mfa.user_id': 'mfa.json (whether it is on, never the secret)',
  'mfa_recovery_codes.user_id': 'mfa.json (how many are left, never the codes)',
  'mfa_challenges.user_id': 'left out: sign-in steps waiting for a code, held minutes, their tokens are credentials',
  'users.created_by_id': "left out: other people's accounts; what the person did to them is in audit-entries.json",
  'users.updated_by_id': "left out: other people's accounts; what the person did to them is in audit-entries.json",
  'account_tokens.user_id': 'left out: single-use password reset and email verification links, their tokens are credentials',
};

interface PersonColumn {
  table: string;
  column: string;
  label: string | null;
  dated: boolean;
  identified: boolean;
}

/** Tenant tables' columns that name a person and have no part of their own; `label` is the column that names a row (a settings row has none, nor an id). */
async function sweptColumns(scope: TenantScope): Promise<PersonColumn[]> {
  const columns: PersonColumn[] = await scope.tx.manager.query(
    `SELECT c.relname AS "table", a.attname AS "column",
            (SELECT l.attname FROM pg_attribute l WHERE l.attrelid = c.oid AND NOT l.attisdropped AND l.attname IN ('name', 'title', 'kind', 'type', 'action')
              ORDER BY array_position(ARRAY['name', 'title', 'kind', 'type', 'action']::name[], l.attname) LIMIT 1) AS label,
            EXISTS (SELECT 1 FROM pg_attribute d WHERE d.attrelid = c.oid AND d.attname = 'created_at' AND NOT d.attisdropped) AS dated,
            EXISTS (SELECT 1 FROM pg_attribute i WHERE i.attrelid = c.oid AND i.attname = 'id' AND NOT i.attisdropped) AS identified
       FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
      WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.atttypid = 'uuid'::regtype
        AND EXISTS (SELECT 1 FROM pg_attribute t WHERE t.attrelid = c.oid AND t.attname = 'tenant_id' AND NOT t.attisdropped)
        AND (a.attname ~ '(^|_)user_id$' OR EXISTS (SELECT 1 FROM pg_constraint k WHERE k.contype = 'f' AND k.conrelid = c.oid
               AND k.confrelid = 'public.users'::regclass AND k.conkey = ARRAY[a.attnum]))
      ORDER BY 1, 2`,
  );
  return columns.filter((c) => !(`${c.table}.${c.column}` in READ_BY_OWN_PART));
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Everything else that names the person, in one statement: which row (id, its name or kind, when) of which table,
 * through which column. Only those identifying fields, so nothing secret or sealed a row holds comes along.
 */
async function otherRecords(scope: TenantScope, subjectId: string): Promise<{ checked: string[]; records: Row[] }> {
  const columns = await sweptColumns(scope);
  const checked = columns.map((c) => `${c.table}.${c.column}`);
  if (columns.length === 0) return { checked, records: [] };
  const branches = columns.map(
    (c, i) =>
      `SELECT $${i * 2 + 3}::text AS "table", $${i * 2 + 4}::text AS "column", ${c.identified ? 't.id::text' : 'NULL::text'} AS id, ${c.label ? `t.${ident(c.label)}::text` : 'NULL::text'} AS label,
              ${c.dated ? 't.created_at::timestamptz' : 'NULL::timestamptz'} AS created_at
         FROM ${ident(c.table)} t WHERE t.tenant_id = $2 AND t.${ident(c.column)} = $1`,
  );
  const rows: Row[] = await scope.tx.manager.query(`${branches.join('\nUNION ALL\n')} ORDER BY 1, 2, 5, 3`, [
    subjectId,
    scope.caller.tenantId,
    ...columns.flatMap((c) => [c.table, c.column]),
  ]);
  return { checked, records: rows };
}

export type ExportFiles = Record<string, unknown>;

/**
 * What the zip holds, read as the person themselves in this tenant (so their sessions, notifications and second
 * factor are visible): profile, memberships current and removed, sessions, audit entries where they are the actor,
 * HR records about them, invitations they sent or received, API keys they created, approvals they asked for,
 * decided or commented on, single sign-on identities, notifications and their preferences, mail sent to them,
 * whether they have a second factor, and every other record of the tenant that names them.
 */
export async function gatherPersonalData(
  scope: TenantScope,
  subjectId: string,
  progress: (n: number) => Promise<void>,
  options: { removed?: boolean } = {},
): Promise<ExportFiles> {
  const q = (sql: string, params: unknown[]) => scope.tx.manager.query(sql, params) as Promise<Row[]>;
  const tenantId = scope.caller.tenantId;
  const [profile] = withoutSecrets(await q(`SELECT * FROM users WHERE id = $1`, [subjectId]));
  const memberships = await q(
    `SELECT m.id, 'current' AS status, t.name AS tenant, m.role, r.name AS custom_role, m.created_at, m.assigned_at,
            NULL::timestamptz AS removed_at, NULL::jsonb AS removed_by
       FROM memberships m JOIN tenants t ON t.id = m.tenant_id LEFT JOIN roles r ON r.id = m.custom_role_id
      WHERE m.user_id = $1 AND m.tenant_id = $2
     UNION ALL
     SELECT d.id, 'removed', t.name, d.role, r.name, d.created_at, d.assigned_at, d.deleted_at,
            CASE WHEN d.deleted_by_id IS NOT NULL THEN jsonb_build_object('id', d.deleted_by_id, 'name', u.full_name, 'email', u.email) END
       FROM deleted_memberships d JOIN tenants t ON t.id = d.tenant_id LEFT JOIN roles r ON r.id = d.custom_role_id
       LEFT JOIN users u ON u.id = d.deleted_by_id
      WHERE d.user_id = $1 AND d.tenant_id = $2
     ORDER BY created_at`,
    [subjectId, tenantId],
  );
  const sessions = withoutSecrets(await q(`SELECT * FROM sessions WHERE user_id = $1 ORDER BY created_at`, [subjectId]));
  await progress(30);
  const audit = await q(
    `SELECT seq, created_at, action, entity_type, entity_id, entity_name, outcome, error_code, ip, user_agent, request_id, before, after
     FROM audit_entries WHERE tenant_id = $1 AND actor_user_id = $2 ORDER BY seq`,
    [tenantId, subjectId],
  );
  await progress(50);
  const hrRecords = await hrRecordsAbout(scope, String(profile.email));
  const invitationColumns = `i.id, i.email, i.role, r.name AS custom_role, i.status, i.created_at, i.expires_at, i.accepted_at`;
  const invitations = {
    sent: await q(
      `SELECT ${invitationColumns} FROM invitations i LEFT JOIN roles r ON r.id = i.custom_role_id WHERE i.tenant_id = $1 AND i.invited_by_id = $2 ORDER BY i.created_at`,
      [tenantId, subjectId],
    ),
    received: await q(
      `SELECT ${invitationColumns}, i.invited_by_id FROM invitations i LEFT JOIN roles r ON r.id = i.custom_role_id
        WHERE i.tenant_id = $1 AND lower(i.email) = lower($2) ORDER BY i.created_at`,
      [tenantId, profile.email],
    ),
  };
  const apiKeys = await q(
    `SELECT id, name, role, scopes, prefix, created_at, expires_at, last_used_at, revoked_at FROM api_keys WHERE tenant_id = $1 AND created_by_id = $2 ORDER BY created_at`,
    [tenantId, subjectId],
  );
  const approvals = {
    requested: await q(
      `SELECT id, kind, title, status, created_at, decided_at FROM approval_requests WHERE tenant_id = $1 AND requested_by_id = $2 ORDER BY created_at`,
      [tenantId, subjectId],
    ),
    decisions: await q(
      `SELECT d.id, d.request_id, r.title AS request, d.level, d.value, d.comment, d.form_values, d.created_at
         FROM approval_decisions d JOIN approval_requests r ON r.id = d.request_id WHERE d.tenant_id = $1 AND d.decider_id = $2 ORDER BY d.created_at`,
      [tenantId, subjectId],
    ),
    comments: await q(
      `SELECT c.id, c.request_id, r.title AS request, c.body, c.created_at
         FROM approval_comments c JOIN approval_requests r ON r.id = c.request_id WHERE c.tenant_id = $1 AND c.author_id = $2 ORDER BY c.created_at`,
      [tenantId, subjectId],
    ),
  };
  await progress(70);
  const ssoIdentities = await q(`SELECT id, issuer, subject, email, created_at, last_sign_in_at FROM sso_identities WHERE tenant_id = $1 AND user_id = $2`, [
    tenantId,
    subjectId,
  ]);
  const notifications = {
    preferences: await q(`SELECT kind, in_app, email, updated_at FROM notification_preferences WHERE tenant_id = $1 AND user_id = $2 ORDER BY kind`, [
      tenantId,
      subjectId,
    ]),
    received: await q(
      `SELECT id, kind, title, subject_type, subject_id, created_at, read_at FROM notifications WHERE tenant_id = $1 AND user_id = $2 ORDER BY created_at`,
      [tenantId, subjectId],
    ),
  };
  // Bodies are left out: they carry single-use links.
  const mails = await q(
    `SELECT id, kind, subject, status, created_at, sent_at FROM mail_outbox WHERE tenant_id = $1 AND lower(to_address) = lower($2) ORDER BY created_at`,
    [tenantId, profile.email],
  );
  const [factor] = await q(`SELECT enabled_at, recovery_codes_left, locked_until FROM steward.member_mfa_state(ARRAY[$1::uuid])`, [subjectId]);
  // A removed member's second factor is not readable as the admin: unknown, not "off".
  const mfa = {
    enabled: factor ? factor.enabled_at != null : options.removed ? null : false,
    enabledAt: factor?.enabled_at ?? null,
    recoveryCodesLeft: factor?.recovery_codes_left ?? 0,
    lockedUntil: factor?.locked_until ?? null,
  };
  await progress(85);
  const others = await otherRecords(scope, subjectId);
  const manifest = {
    subject: { id: subjectId, email: profile.email },
    generatedAt: new Date().toISOString(),
    counts: {
      memberships: memberships.length,
      removedMemberships: memberships.filter((m) => m.status === 'removed').length,
      sessions: sessions.length,
      auditEntries: audit.length,
      hrRecords: hrRecords.length,
      invitationsSent: invitations.sent.length,
      invitationsReceived: invitations.received.length,
      apiKeys: apiKeys.length,
      approvalDecisions: approvals.decisions.length,
      otherRecords: others.records.length,
    },
    note:
      'Password and token hashes, the second factor’s secret and recovery codes, API key hashes and mail bodies (which carry ' +
      'single-use links) are left out: they are credentials, not information about the person.',
    ...(options.removed && {
      readAs:
        'The person is no longer a member of this tenant, so it was read as the admin who asked: their sessions, notifications ' +
        'and whether they have a second factor, which only the person (or an admin of a tenant they belong to) may read, are not included.',
    }),
    columnsNamingThePerson: { ...READ_BY_OWN_PART, ...Object.fromEntries(others.checked.map((c) => [c, 'other-records.json'])) },
  };
  return {
    'manifest.json': manifest,
    'profile.json': profile,
    'memberships.json': memberships,
    'sessions.json': sessions,
    'audit-entries.json': audit,
    'hr-records.json': hrRecords,
    'invitations.json': invitations,
    'api-keys.json': apiKeys,
    'approvals.json': approvals,
    'sso-identities.json': ssoIdentities,
    'notifications.json': notifications,
    'mails.json': mails,
    'mfa.json': mfa,
    'other-records.json': others.records,
  };
}
