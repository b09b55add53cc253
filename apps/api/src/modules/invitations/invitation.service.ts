import { appLink, mailHtml, queueMail } from '../mail';
import { passwordRefusal } from '../sso';
import { claimCapacity, PlanLimit } from '../tenants';
import type { StewardContext } from '../../context';
import type { TenantScope } from '../../scope';
import { hashPassword } from '../../auth/passwords';
import { Role } from '../../auth/roles';
import { newSecret, sha256Hex } from '../../auth/secrets';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { readPage, Selection, SqlParams } from '../../graphql/read-model';
import { invitationReads } from './invitation.reads';
import { StewardError, UserInputProblem, UserInputProblems } from '../../graphql/errors';
import { recordUnscopedAudit } from '../../audit-trail';
import { Invitation, InvitationLinkStatus, InvitationPreview, InvitationStatus } from './invitation.entity';
import { InvitationAcceptInput, InvitationFilter } from './invitation.inputs';

const DAY = 24 * 60 * 60 * 1000;

export function listInvitations(
  ctx: TenantScope,
  page: ConnectionArgs,
  filter: InvitationFilter | null,
  selection: Selection,
): Promise<Connection<Invitation>> {
  const params = new SqlParams();
  const where = [`i.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (filter?.statuses?.length) {
    const conditions: string[] = [];
    for (const status of filter.statuses) {
      if (status === InvitationStatus.EXPIRED) conditions.push(`i.status = 'expired' OR (i.status = 'pending' AND i.expires_at <= now())`);
      else if (status === InvitationStatus.PENDING) conditions.push(`i.status = 'pending' AND i.expires_at > now()`);
      else conditions.push(`i.status = ${params.add(status)}`);
    }
    where.push(`(${conditions.map((c) => `(${c})`).join(' OR ')})`);
  }
  return readPage(ctx, invitationReads, selection, { alias: 'i', where, params }, page, {
    column: 'i.created_at',
    id: 'i.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  });
}

export async function createInvitation(
  ctx: TenantScope,
  tenantId: string,
  rawEmail: string,
  given: { role: Role | null; customRole: { uuid: string; name: string } | null },
  expiresInDays = 7,
) {
  const email = rawEmail.trim().toLowerCase();
  const manager = ctx.tx.manager;
  const member = await manager.query(`SELECT 1 FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND lower(u.email) = $2`, [
    tenantId,
    email,
  ]);
  if (member.length) throw new UserInputProblem('email', `${email} is already a member`, 'CONFLICT');
  // A new invitation for the same address replaces a pending one.
  await manager.query(`UPDATE invitations SET status = 'revoked' WHERE tenant_id = $1 AND lower(email) = $2 AND status = 'pending'`, [tenantId, email]);
  // A pending invitation holds a seat: accepting it turns it into a membership without counting again.
  await claimCapacity(ctx, PlanLimit.MEMBERS, tenantId);
  const token = newSecret('inv_');
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO invitations (tenant_id, email, role, custom_role_id, token_hash, expires_at, invited_by_id) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [tenantId, email, given.role, given.customRole?.uuid ?? null, sha256Hex(token), new Date(Date.now() + expiresInDays * DAY), ctx.caller.userId],
  );
  const invitation = await manager.findOneByOrFail(Invitation, { uuid: inserted[0].id });
  const acceptUrl = `${appLink(ctx.app, '/invitation')}#token=${token}`;
  await queueMail(ctx, invitationMail(ctx, email, acceptUrl, invitation.expiresAt, await invitationContext(ctx, tenantId)), tenantId);
  await ctx.audit.record({
    tenantId,
    action: 'invitation.create',
    entityType: 'Invitation',
    entityId: invitation.uuid,
    entityName: email,
    after: { email, role: given.role ?? given.customRole?.name, expiresAt: invitation.expiresAt.toISOString() },
  });
  return { invitation, token, acceptUrl };
}

async function invitationContext(ctx: TenantScope, tenantId: string): Promise<{ tenant: string; inviter: string | null }> {
  const [row]: { tenant: string; inviter: string | null }[] = await ctx.tx.manager.query(
    `SELECT t.name AS tenant, u.full_name AS inviter FROM tenants t LEFT JOIN users u ON u.id = $2 WHERE t.id = $1`,
    [tenantId, ctx.caller.userId],
  );
  return row;
}

function invitationMail(ctx: TenantScope, email: string, acceptUrl: string, expiresAt: Date, context: { tenant: string; inviter: string | null }) {
  const who = context.inviter ?? ctx.caller.apiKeyName ?? 'An admin';
  const until = expiresAt.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const lines = [`${who} invited you to join ${context.tenant} on Steward.`, `Accept the invitation here (the link works until ${until}, once):`];
  return {
    kind: 'invitation',
    to: email,
    subject: `You are invited to ${context.tenant} on Steward`,
    text: `${lines[0]}\n\n${lines[1]}\n${acceptUrl}\n\nIf you did not expect this, ignore this message.\n`,
    html: mailHtml([...lines, 'If you did not expect this, ignore this message.'], { label: `Join ${context.tenant}`, url: acceptUrl }),
  };
}

export async function revokeInvitation(ctx: TenantScope, invitationId: string): Promise<Invitation> {
  const invitation = await ctx.tx.manager.findOneBy(Invitation, { uuid: invitationId, tenantId: ctx.caller.tenantId! });
  if (!invitation) throw StewardError.notFound('Invitation');
  if (invitation.effectiveStatus !== InvitationStatus.PENDING) {
    throw new UserInputProblem('invitationId', `The invitation is already ${invitation.effectiveStatus}`, 'CONFLICT');
  }
  invitation.status = InvitationStatus.REVOKED;
  await ctx.tx.manager.update(Invitation, { uuid: invitation.uuid }, { status: invitation.status });
  await ctx.audit.record({
    action: 'invitation.revoke',
    entityType: 'Invitation',
    entityId: invitation.uuid,
    entityName: invitation.email,
    before: { status: 'pending' },
    after: { status: 'revoked' },
  });
  return invitation;
}

/** What a link is for, read on the owner connection (the token is the credential; nobody is signed in yet). */
export async function previewInvitation(ctx: StewardContext, token: string): Promise<InvitationPreview> {
  const manager = ctx.app.dataSource.manager;
  const [row]: { email: string; status: string; expires_at: Date; tenant_id: string; name: string; slug: string; account: boolean }[] = await manager.query(
    `SELECT i.email, i.status, i.expires_at, i.tenant_id, t.name, t.slug,
            EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = i.email AND u.deleted_at IS NULL) AS account
     FROM invitations i JOIN tenants t ON t.id = i.tenant_id WHERE i.token_hash = $1`,
    [sha256Hex(token)],
  );
  if (!row)
    return { status: InvitationLinkStatus.UNKNOWN, email: null, tenantName: null, tenantSlug: null, expiresAt: null, accountExists: false, ssoOnly: false };
  const status = row.status === 'pending' && row.expires_at.getTime() <= Date.now() ? InvitationLinkStatus.EXPIRED : (row.status as InvitationLinkStatus);
  return {
    status,
    email: row.email,
    tenantName: row.name,
    tenantSlug: row.slug,
    expiresAt: row.expires_at,
    accountExists: row.account,
    ssoOnly: (await passwordRefusal(manager, row.tenant_id)) !== null,
  };
}

/**
 * Accepting runs on the owner connection: the invitee has no membership yet, so no tenant setting
 * could let RLS show them the invitation. The token itself is the credential.
 */
export async function acceptInvitation(ctx: StewardContext, input: InvitationAcceptInput): Promise<{ email: string; tenantName: string; ssoOnly: boolean }> {
  const request = { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
  return ctx.app.dataSource.transaction(async (manager) => {
    const rows: { id: string; tenant_id: string; email: string; role: string | null; custom_role_id: string | null; status: string; expires_at: Date }[] =
      await manager.query(`SELECT id, tenant_id, email, role, custom_role_id, status, expires_at FROM invitations WHERE token_hash = $1 FOR UPDATE`, [
        sha256Hex(input.token),
      ]);
    const invitation = rows[0];
    if (!invitation) throw new UserInputProblem('token', 'The invitation is unknown: check the link, or ask for a new invitation');
    if (invitation.status === 'accepted') throw new UserInputProblem('token', 'The invitation has already been accepted: sign in instead');
    if (invitation.status === 'revoked') throw new UserInputProblem('token', 'The invitation was revoked by an admin of the tenant: ask them for a new one');
    if (invitation.expires_at.getTime() <= Date.now()) {
      throw new UserInputProblem(
        'token',
        `The invitation expired on ${invitation.expires_at.toISOString().slice(0, 10)}: ask an admin of the tenant for a new one`,
      );
    }
    const users: { id: string }[] = await manager.query(`SELECT id FROM users WHERE lower(email) = $1 AND deleted_at IS NULL`, [invitation.email]);
    let userId = users[0]?.id;
    if (userId && ctx.caller.userId && ctx.caller.userId !== userId) {
      throw new UserInputProblem('token', 'This invitation was sent to another account');
    }
    // A tenant that signs in with SSO only gets no password: the account is made without one and signs in through the provider.
    const ssoOnly = (await passwordRefusal(manager, invitation.tenant_id)) !== null;
    if (!userId && ssoOnly) {
      const created: { id: string }[] = await manager.query(
        `INSERT INTO users (email, full_name, password_hash, email_verified, created_by_id, updated_by_id)
         SELECT $1, $2, NULL, true, invited_by_id, invited_by_id FROM invitations WHERE id = $3 RETURNING id`,
        [invitation.email, input.fullName?.trim() || invitation.email.split('@')[0], invitation.id],
      );
      userId = created[0].id;
    }
    if (!userId) {
      if (!input.fullName || !input.password) {
        throw new UserInputProblems([
          ...(input.fullName ? [] : [new UserInputProblem('fullName', 'fullName is needed to create your account')]),
          ...(input.password ? [] : [new UserInputProblem('password', 'password is needed to create your account')]),
        ]);
      }
      const created: { id: string }[] = await manager.query(
        `INSERT INTO users (email, full_name, password_hash, email_verified, created_by_id, updated_by_id)
         SELECT $1, $2, $3, true, invited_by_id, invited_by_id FROM invitations WHERE id = $4 RETURNING id`,
        [invitation.email, input.fullName.trim(), await hashPassword(input.password), invitation.id],
      );
      userId = created[0].id;
    }
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO memberships (tenant_id, user_id, role, custom_role_id, assigned_by_id, assigned_at)
       SELECT $1, $2, $3, $4, invited_by_id, now() FROM invitations WHERE id = $5
       ON CONFLICT (tenant_id, user_id) DO NOTHING RETURNING id`,
      [invitation.tenant_id, userId, invitation.role, invitation.custom_role_id, invitation.id],
    );
    if (!inserted.length) throw new UserInputProblem('token', 'You are already a member of this tenant', 'CONFLICT');
    await manager.query(`UPDATE invitations SET status = 'accepted', accepted_at = now() WHERE id = $1`, [invitation.id]);
    await recordUnscopedAudit(
      manager,
      {
        tenantId: invitation.tenant_id,
        action: 'invitation.accept',
        entityType: 'Invitation',
        entityId: invitation.id,
        entityName: invitation.email,
        actorUserId: userId,
        actorLabel: invitation.email,
        after: { role: invitation.role, customRoleId: invitation.custom_role_id, membershipId: inserted[0].id },
      },
      request,
    );
    const tenants: { name: string }[] = await manager.query(`SELECT name FROM tenants WHERE id = $1`, [invitation.tenant_id]);
    return { email: invitation.email, tenantName: tenants[0].name, ssoOnly };
  });
}
