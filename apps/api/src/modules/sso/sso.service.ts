import { randomUUID } from 'node:crypto';
import * as oidc from 'openid-client';
import type { EntityManager } from 'typeorm';
import type { StewardContext } from '../../context';
import { recordUnscopedAudit } from '../../audit-trail';
import { SealedValueError } from '../../auth/encryption';
import { Role } from '../../auth/roles';
import { sha256Hex } from '../../auth/secrets';
import { InputChecks, StewardError, UserInputProblem } from '../../graphql/errors';
import type { TenantScope } from '../../scope';
import { issueSession, type IssuedSession } from '../sessions';
import { PlanFeature, requireFeature } from '../tenants';
import { SsoConnection } from './sso.entity';
import type { SsoConnectionSaveInput, SsoSignInCompleteInput, SsoSignInStartInput } from './sso.inputs';

/** How long a started sign-in may take at the provider. */
const SIGN_IN_MINUTES = 10;
/** How long a provider's discovered configuration is reused. */
const DISCOVERY_TTL_MS = 10 * 60_000;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const STATE_CONTEXT = 'sso:sign-in-state';

export const secretContext = (connectionId: string) => `sso_connections.client_secret:${connectionId}`;

const COLUMNS = `id AS uuid, tenant_id AS "tenantId", issuer, client_id AS "clientId", allowed_domains AS "allowedDomains", default_role AS "defaultRole",
  sso_only AS "ssoOnly", enabled, updated_by_id AS "updatedById", created_at AS "createdAt", updated_at AS "updatedAt",
  client_secret_sealed IS NOT NULL AS "clientSecretSet"`;

function asConnection(row: Record<string, unknown>): SsoConnection {
  return Object.assign(Object.create(SsoConnection.prototype) as SsoConnection, row);
}

/** What the audit trail keeps of a connection: everything but the secret, which it only says is set. */
function snapshot(c: SsoConnection): Record<string, unknown> {
  return {
    issuer: c.issuer,
    clientId: c.clientId,
    clientSecretSet: c.clientSecretSet,
    allowedDomains: c.allowedDomains,
    defaultRole: c.defaultRole,
    ssoOnly: c.ssoOnly,
    enabled: c.enabled,
  };
}

export async function findConnection(ctx: TenantScope): Promise<SsoConnection | null> {
  const rows: Record<string, unknown>[] = await ctx.tx.manager.query(`SELECT ${COLUMNS} FROM sso_connections WHERE tenant_id = $1`, [ctx.caller.tenantId]);
  return rows[0] ? asConnection(rows[0]) : null;
}

function checkIssuer(checks: InputChecks, issuer: string, production: boolean): void {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    checks.add('issuer', 'The issuer must be a URL, e.g. https://login.example.com');
    return;
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !production)) checks.add('issuer', 'The issuer must be an https URL');
  else if (url.username || url.password || url.search || url.hash) checks.add('issuer', 'The issuer must not carry credentials, a query or a fragment');
}

/** Sets up or changes the tenant's connection; a secret given is sealed, one left out is kept. */
export async function saveConnection(ctx: TenantScope, input: SsoConnectionSaveInput): Promise<SsoConnection> {
  await requireFeature(ctx, PlanFeature.SSO);
  const current = await findConnection(ctx);
  const checks = new InputChecks();
  const issuer = input.issuer?.trim().replace(/\/+$/, '') ?? current?.issuer;
  const clientId = input.clientId?.trim() ?? current?.clientId;
  if (!issuer) checks.add('issuer', 'The issuer is required');
  else if (input.issuer !== undefined) checkIssuer(checks, issuer, ctx.app.config.production);
  if (!clientId) checks.add('clientId', 'The client id is required');
  const domains = input.allowedDomains
    ? [...new Set(input.allowedDomains.map((d) => d.trim().toLowerCase().replace(/^@/, '')).filter(Boolean))]
    : (current?.allowedDomains ?? []);
  const bad = domains.filter((d) => !DOMAIN.test(d));
  if (bad.length) checks.add('allowedDomains', `Not a domain: ${bad.join(', ')}`);
  else if (!domains.length) checks.add('allowedDomains', 'Name at least one email domain that may sign in');
  const defaultRole = input.defaultRole ?? current?.defaultRole ?? Role.VIEWER;
  if (defaultRole === Role.ADMIN) checks.add('defaultRole', 'People who join by signing in cannot become admins; promote them afterwards');
  const ssoOnly = input.ssoOnly ?? current?.ssoOnly ?? false;
  const enabled = input.enabled ?? current?.enabled ?? true;
  if (ssoOnly && !current?.ssoOnly) {
    if (!enabled) checks.add('ssoOnly', 'Refusing passwords needs sign-in through the provider switched on');
    // Whoever refuses passwords must have signed in through the provider: a broken setup cannot lock everyone out.
    const [own] = await ctx.tx.manager.query(`SELECT 1 FROM sso_identities WHERE tenant_id = $1 AND user_id = $2`, [ctx.caller.tenantId, ctx.caller.userId]);
    if (!own) checks.add('ssoOnly', 'Sign in with SSO yourself once before refusing passwords, so that a broken setup cannot lock everyone out');
  }
  if (ssoOnly && input.enabled === false) checks.add('enabled', 'Switch "SSO only" off before switching sign-in through the provider off');
  checks.refuseIfAny();

  const id = current?.uuid ?? randomUUID();
  const secret =
    input.clientSecret === undefined
      ? undefined
      : input.clientSecret.trim() === ''
        ? null
        : ctx.app.config.encryptionKeys.seal(secretContext(id), input.clientSecret.trim());
  await ctx.tx.manager.query(
    `INSERT INTO sso_connections (id, tenant_id, issuer, client_id, client_secret_sealed, allowed_domains, default_role, sso_only, enabled, updated_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (tenant_id) DO UPDATE SET issuer = EXCLUDED.issuer, client_id = EXCLUDED.client_id,
       client_secret_sealed = CASE WHEN $11 THEN EXCLUDED.client_secret_sealed ELSE sso_connections.client_secret_sealed END,
       allowed_domains = EXCLUDED.allowed_domains, default_role = EXCLUDED.default_role, sso_only = EXCLUDED.sso_only, enabled = EXCLUDED.enabled,
       updated_by_id = EXCLUDED.updated_by_id, updated_at = now()`,
    [id, ctx.caller.tenantId, issuer, clientId, secret ?? null, domains, defaultRole, ssoOnly, enabled, ctx.caller.userId, secret !== undefined],
  );
  const saved = (await findConnection(ctx))!;
  // Passwords refused from now on: the sessions they opened in this tenant end now, not when their tokens run out.
  const [ended]: { n: number }[] =
    ssoOnly && !current?.ssoOnly ? await ctx.tx.manager.query(`SELECT steward.end_password_sessions($1) AS n`, [ctx.caller.tenantId]) : [{ n: 0 }];
  await ctx.audit.record({
    action: current ? 'ssoConnection.update' : 'ssoConnection.create',
    entityType: 'SsoConnection',
    entityId: saved.uuid,
    entityName: saved.issuer,
    before: current ? snapshot(current) : null,
    after: { ...snapshot(saved), secretChanged: secret !== undefined, ...(ended.n ? { passwordSessionsEnded: ended.n } : {}) },
  });
  return saved;
}

export async function deleteConnection(ctx: TenantScope): Promise<SsoConnection> {
  const current = await findConnection(ctx);
  if (!current) throw StewardError.notFound('SsoConnection');
  await ctx.tx.manager.query(`DELETE FROM sso_connections WHERE tenant_id = $1`, [ctx.caller.tenantId]);
  await ctx.audit.record({
    action: 'ssoConnection.delete',
    entityType: 'SsoConnection',
    entityId: current.uuid,
    entityName: current.issuer,
    before: snapshot(current),
  });
  return current;
}

// ---- Signing in (no caller yet: the owner connection, like password sign-in) ----

interface StoredConnection {
  id: string;
  tenant_id: string;
  issuer: string;
  client_id: string;
  client_secret_sealed: string | null;
  allowed_domains: string[];
  default_role: Role;
  enabled: boolean;
  updated_at: Date;
}

/** What travels through the provider as `state`, sealed: only Steward can read or make one. */
interface SignInState {
  /** connection */
  c: string;
  /** PKCE code verifier */
  v: string;
  nonce: string;
  redirectUri: string;
  /** sha256 of the browser key */
  b: string;
  /** expiry, ms since the epoch */
  e: number;
}

const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

/** The provider's configuration from its discovery document, reused for a while; plain http only outside production. */
function discover(ctx: StewardContext, c: StoredConnection): Promise<oidc.Configuration> {
  const key = `${c.id}:${c.updated_at.getTime()}`;
  const hit = discovered.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const secret = c.client_secret_sealed ? ctx.app.config.encryptionKeys.open(secretContext(c.id), c.client_secret_sealed) : undefined;
  const config = oidc.discovery(
    new URL(c.issuer),
    c.client_id,
    undefined,
    secret ? oidc.ClientSecretBasic(secret) : oidc.None(),
    ctx.app.config.production ? { timeout: 10 } : { timeout: 10, execute: [oidc.allowInsecureRequests] },
  );
  discovered.set(key, { at: Date.now(), config });
  config.catch(() => discovered.delete(key));
  return config;
}

async function connectionOf(ctx: StewardContext, where: string, value: string): Promise<StoredConnection | null> {
  const rows: StoredConnection[] = await ctx.app.dataSource.query(
    `SELECT s.id, s.tenant_id, s.issuer, s.client_id, s.client_secret_sealed, s.allowed_domains, s.default_role, s.enabled, s.updated_at
     FROM sso_connections s JOIN tenants t ON t.id = s.tenant_id WHERE ${where} = $1 AND t.status = 'active'`,
    [value],
  );
  return rows[0] ?? null;
}

function checkRedirect(redirectUri: string): void {
  let url: URL;
  try {
    url = new URL(redirectUri);
  } catch {
    throw new UserInputProblem('redirectUri', 'The redirect URI must be a URL');
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.pathname !== '/sso/callback' || url.search || url.hash) {
    throw new UserInputProblem('redirectUri', "The redirect URI must be the web app's /sso/callback");
  }
}

/** The provider's authorization URL for the tenant: code flow with PKCE (S256), a nonce, and a sealed state. */
export async function startSignIn(ctx: StewardContext, input: SsoSignInStartInput): Promise<string> {
  const c = await connectionOf(ctx, 't.slug', input.tenantSlug.trim().toLowerCase());
  if (!c || !c.enabled) throw new UserInputProblem('tenantSlug', 'This organisation does not sign in with SSO');
  checkRedirect(input.redirectUri);
  const config = await discover(ctx, c).catch(() => {
    throw new UserInputProblem(null, "The organisation's identity provider cannot be reached; try again later or ask your admin");
  });
  const verifier = oidc.randomPKCECodeVerifier();
  const nonce = oidc.randomNonce();
  const state: SignInState = {
    c: c.id,
    v: verifier,
    nonce,
    redirectUri: input.redirectUri,
    b: sha256Hex(input.browserKey),
    e: Date.now() + SIGN_IN_MINUTES * 60_000,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: input.redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state: ctx.app.config.encryptionKeys.seal(STATE_CONTEXT, JSON.stringify(state)),
    nonce,
  });
  return url.href;
}

function refused(message: string): UserInputProblem {
  return new UserInputProblem('callbackUrl', message);
}

function openState(ctx: StewardContext, sealed: string | null): SignInState {
  if (!sealed) throw refused('The provider sent no state back; start the sign-in again');
  try {
    const state = JSON.parse(ctx.app.config.encryptionKeys.open(STATE_CONTEXT, sealed)) as SignInState;
    if (state.e < Date.now()) throw refused('The sign-in took too long; start it again');
    return state;
  } catch (error) {
    if (error instanceof SealedValueError || error instanceof SyntaxError) throw refused('This sign-in was not started here; start it again');
    throw error;
  }
}

interface Claims {
  sub: string;
  email: string;
  name: string;
}

/** Exchanges the code (with the PKCE verifier) and checks the ID token; the email must be verified and of an allowed domain. */
async function verifiedClaims(ctx: StewardContext, c: StoredConnection, callback: URL, state: SignInState, sealedState: string): Promise<Claims> {
  const config = await discover(ctx, c).catch(() => {
    throw refused("The organisation's identity provider cannot be reached; try again later");
  });
  let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
  try {
    tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: state.v,
      expectedState: sealedState,
      expectedNonce: state.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    ctx.log?.warn?.({ err: error, issuer: c.issuer }, 'sso: the code exchange failed');
    throw refused('The identity provider did not confirm the sign-in; start it again');
  }
  const claims = tokens.claims();
  const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!claims || !email) throw refused('The identity provider did not share an email address');
  if (claims.email_verified !== true) throw refused('The identity provider has not verified this email address');
  const domain = email.split('@')[1] ?? '';
  if (!c.allowed_domains.includes(domain)) throw refused(`Email addresses of ${domain} may not sign in to this organisation`);
  const name = typeof claims.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 120) : email.split('@')[0];
  return { sub: claims.sub, email, name };
}

/** The user the provider's subject is, linking or creating one by the verified email the first time; null when deactivated. */
async function userFor(manager: EntityManager, c: StoredConnection, claims: Claims): Promise<{ id: string; created: boolean } | null> {
  const linked: { user_id: string; is_active: boolean }[] = await manager.query(
    `SELECT i.user_id, u.is_active FROM sso_identities i JOIN users u ON u.id = i.user_id AND u.deleted_at IS NULL
     WHERE i.tenant_id = $1 AND i.issuer = $2 AND i.subject = $3`,
    [c.tenant_id, c.issuer, claims.sub],
  );
  if (linked[0]) {
    await manager.query(`UPDATE sso_identities SET email = $4, last_sign_in_at = now() WHERE tenant_id = $1 AND issuer = $2 AND subject = $3`, [
      c.tenant_id,
      c.issuer,
      claims.sub,
      claims.email,
    ]);
    return linked[0].is_active ? { id: linked[0].user_id, created: false } : null;
  }
  const users: { id: string; is_active: boolean }[] = await manager.query(
    `SELECT id, is_active FROM users WHERE lower(email) = $1 AND deleted_at IS NULL FOR UPDATE`,
    [claims.email],
  );
  let user = users[0] ? { id: users[0].id, created: false } : null;
  if (users[0] && !users[0].is_active) return null;
  if (!user) {
    const created: { id: string }[] = await manager.query(
      `INSERT INTO users (email, full_name, password_hash, email_verified) VALUES ($1, $2, NULL, true) RETURNING id`,
      [claims.email, claims.name],
    );
    user = { id: created[0].id, created: true };
  }
  const inserted = await manager.query(
    `INSERT INTO sso_identities (tenant_id, user_id, issuer, subject, email) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tenant_id, user_id) DO NOTHING RETURNING id`,
    [c.tenant_id, user.id, c.issuer, claims.sub, claims.email],
  );
  if (!inserted.length) throw refused('Your account is linked to another identity at the provider; ask your admin');
  return user;
}

/** Completes a sign-in: checks the browser and the state, exchanges the code, then signs the person in, joining the tenant if new. */
export async function completeSignIn(ctx: StewardContext, input: SsoSignInCompleteInput): Promise<IssuedSession> {
  let callback: URL;
  try {
    callback = new URL(input.callbackUrl);
  } catch {
    throw refused('The callback URL is not a URL');
  }
  const error = callback.searchParams.get('error');
  if (error) throw refused(`The identity provider refused the sign-in: ${callback.searchParams.get('error_description') ?? error}`);
  const sealedState = callback.searchParams.get('state');
  const state = openState(ctx, sealedState);
  if (sha256Hex(input.browserKey) !== state.b) throw refused('This sign-in was started in another browser; start it again here');
  if (`${callback.origin}${callback.pathname}` !== state.redirectUri) throw refused('The callback URL is not where this sign-in was sent back to');
  const c = await connectionOf(ctx, 's.id', state.c);
  if (!c || !c.enabled) throw refused('This organisation no longer signs in with SSO');
  const claims = await verifiedClaims(ctx, c, callback, state, sealedState!);
  const request = { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId };
  return ctx.app.dataSource.transaction(async (manager) => {
    const user = await userFor(manager, c, claims);
    if (!user) throw refused('Your account is deactivated');
    const joined: { id: string }[] = await manager.query(
      `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, user_id) DO NOTHING RETURNING id`,
      [c.tenant_id, user.id, c.default_role],
    );
    if (joined.length) {
      await recordUnscopedAudit(
        manager,
        {
          tenantId: c.tenant_id,
          action: 'membership.sso_join',
          entityType: 'Membership',
          entityId: joined[0].id,
          entityName: claims.email,
          actorUserId: user.id,
          actorLabel: claims.email,
          after: { role: c.default_role, issuer: c.issuer, accountCreated: user.created },
        },
        request,
      );
    }
    await manager.query(`UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`, [user.id]);
    const session = await issueSession(ctx, manager, user.id, c.tenant_id);
    await recordUnscopedAudit(
      manager,
      {
        tenantId: c.tenant_id,
        action: 'session.create',
        entityType: 'User',
        entityId: user.id,
        entityName: claims.email,
        actorUserId: user.id,
        actorLabel: claims.email,
        after: { method: 'sso', issuer: c.issuer },
      },
      request,
    );
    return session;
  });
}

/** Password sign-in to a tenant that refuses passwords: the reason, or null when passwords are fine. */
export async function passwordRefusal(manager: EntityManager, tenantId: string | null): Promise<string | null> {
  if (!tenantId) return null;
  const [row]: { sso_only: boolean }[] = await manager.query(`SELECT sso_only FROM sso_connections WHERE tenant_id = $1 AND enabled`, [tenantId]);
  return row?.sso_only ? 'Your organisation signs in with SSO only: use "Single sign-on (SSO)" on the sign-in page' : null;
}
