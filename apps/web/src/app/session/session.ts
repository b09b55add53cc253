import type { TypedDocumentNode } from '@apollo/client';
import type { FormattedExecutionResult } from 'graphql';
import { operationBody } from '../apollo/persisted';
import { MfaStep } from '../../gql/graphql';
import { type FieldProblems, fieldProblems, problemsOf } from '../../ui/errors';
import { SessionCreate, SessionMfaVerify, SessionRefresh, SessionRevoke, SessionTenantSwitch } from './session.operations';

/** The password was right; the sign-in waits for a code (CODE) or for enrolling an authenticator the tenant requires (ENROL). */
export interface MfaPending {
  mfaStep: MfaStep;
  challengeToken: string;
}

export type SessionStatus = 'resuming' | 'signedIn' | 'signedOut';

export interface SessionState {
  status: SessionStatus;
  /** Why the session ended, when it ended on its own (shown on the sign-in page). */
  endedBecause: string | null;
}

type Fetch = typeof fetch;

/** Refresh this long before the access token expires, so a request never leaves with a dead one. */
const EXPIRY_MARGIN_MS = 30_000;
const REFRESH_LOCK = 'steward-session-refresh';

/**
 * The browser's session. The access token lives in this object only (never in storage); the
 * refresh token is the API's httpOnly cookie. Each refresh token works once and a replayed one ends
 * the whole session, so refreshes are serialized: one promise in this tab, a Web Lock across tabs.
 */
export class Session {
  private accessToken: string | null = null;
  private expiresAt = 0;
  private refreshing: Promise<boolean> | null = null;
  private state: SessionState = { status: 'resuming', endedBecause: null };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly endpoint = '/graphql',
    private readonly fetchImpl: Fetch = (...args) => fetch(...args),
  ) {}

  get snapshot(): SessionState {
    return this.state;
  }

  /** The token requests carry now; null when signed out. */
  get token(): string | null {
    return this.accessToken;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A token good for the next request: refreshed first when it is about to expire. */
  async validToken(): Promise<string | null> {
    if (this.accessToken && Date.now() > this.expiresAt - EXPIRY_MARGIN_MS) await this.refresh();
    return this.accessToken;
  }

  /** Resumes the session from the refresh cookie (page load) or renews the access token. */
  refresh(): Promise<boolean> {
    this.refreshing ??= this.withLock(() => this.doRefresh()).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /**
   * Called when the API rejected `rejectedToken`. Refreshes once; callers that were rejected with a
   * token that has since been replaced just retry with the new one.
   */
  async recover(rejectedToken: string | null): Promise<boolean> {
    if (this.accessToken && this.accessToken !== rejectedToken) return true;
    if (!this.accessToken && !this.refreshing) return false;
    return this.refresh();
  }

  async signIn(email: string, password: string): Promise<FieldProblems | MfaPending | null> {
    const result = await this.request(SessionCreate, { input: { email, password } });
    const payload = result.data?.sessionCreate;
    if (payload?.accessToken) {
      this.accept(payload.accessToken, payload.accessTokenExpiresAt);
      return null;
    }
    if (payload?.mfaStep && payload.mfaChallengeToken) return { mfaStep: payload.mfaStep, challengeToken: payload.mfaChallengeToken };
    return fieldProblems(payload?.userErrors, result.errors ? problemsOf(result.errors) : []);
  }

  /** The second step of a sign-in: a code from the authenticator app, or a recovery code. */
  async verifyMfa(challengeToken: string, code: string): Promise<FieldProblems | null> {
    const result = await this.request(SessionMfaVerify, { input: { challengeToken, code } });
    const payload = result.data?.sessionMfaVerify;
    if (payload?.accessToken) {
      this.accept(payload.accessToken, payload.accessTokenExpiresAt);
      return null;
    }
    return fieldProblems(payload?.userErrors, result.errors ? problemsOf(result.errors) : []);
  }

  /** Takes the session an enrolment during sign-in ended with (after its recovery codes were shown). */
  adopt(accessToken: string, expiresAt: string | null): void {
    this.accept(accessToken, expiresAt);
  }

  /** Acts in another tenant; the API remembers it for later refreshes of this session. */
  async switchTenant(tenantId: string): Promise<FieldProblems | null> {
    const result = await this.request(SessionTenantSwitch, { input: { tenantId } }, await this.validToken());
    const payload = result.data?.sessionTenantSwitch;
    if (payload?.accessToken) {
      this.accept(payload.accessToken, payload.accessTokenExpiresAt);
      return null;
    }
    return fieldProblems(payload?.userErrors, result.errors ? problemsOf(result.errors) : []);
  }

  async signOut(): Promise<void> {
    try {
      await this.request(SessionRevoke, {}, this.accessToken);
    } catch {
      // Signed out locally all the same; the cookie's session expires on its own.
    }
    this.end(null);
  }

  /** The API no longer accepts this session. */
  expire(reason = 'Your session has ended. Sign in again to continue.'): void {
    if (this.state.status === 'signedOut') return;
    this.end(reason);
  }

  private async doRefresh(): Promise<boolean> {
    try {
      const result = await this.request(SessionRefresh, {});
      const payload = result.data?.sessionRefresh;
      if (payload?.accessToken) {
        this.accept(payload.accessToken, payload.accessTokenExpiresAt);
        return true;
      }
      this.end(this.state.status === 'signedIn' ? 'Your session has ended. Sign in again to continue.' : null);
      return false;
    } catch {
      // The API is unreachable: a resumed page shows the sign-in form, a signed-in one keeps its token.
      if (this.state.status === 'resuming') this.end(null);
      return false;
    }
  }

  private async withLock<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return work();
    let result!: T;
    await locks.request(REFRESH_LOCK, async () => {
      result = await work();
    });
    return result;
  }

  private accept(token: string, expiresAt: string | null): void {
    this.accessToken = token;
    this.expiresAt = expiresAt ? Date.parse(expiresAt) : Date.now() + 5 * 60_000;
    this.set({ status: 'signedIn', endedBecause: null });
  }

  private end(reason: string | null): void {
    this.accessToken = null;
    this.expiresAt = 0;
    this.set({ status: 'signedOut', endedBecause: reason });
  }

  private set(state: SessionState): void {
    if (state.status === this.state.status && state.endedBecause === this.state.endedBecause) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private async request<TResult, TVariables>(
    document: TypedDocumentNode<TResult, TVariables>,
    variables: TVariables,
    token?: string | null,
  ): Promise<FormattedExecutionResult<TResult>> {
    const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await this.fetchImpl(this.endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers,
      body: JSON.stringify(operationBody(document, variables)),
    });
    return (await response.json()) as FormattedExecutionResult<TResult>;
  }
}
