/**
 * The page's credentials, kept in memory only: a short-lived access token (the refresh token stays
 * in the API's httpOnly cookie) or a pasted API key.
 */
export type Credential = { kind: 'bearer'; token: string } | { kind: 'apiKey'; key: string } | null;

interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export interface UserError {
  field?: string[] | string | null;
  message: string;
  code?: string | null;
}

export class Session {
  private current: Credential = null;
  private refreshing: Promise<string | null> | null = null;

  constructor(
    readonly endpoint: string,
    private readonly onChange: (credential: Credential) => void,
  ) {}

  get credential(): Credential {
    return this.current;
  }

  private set(credential: Credential): void {
    this.current = credential;
    this.onChange(credential);
  }

  /** Drop-in `fetch` for GraphiQL's fetcher: adds the credential, and on UNAUTHENTICATED refreshes the token once and retries. */
  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    const sentWith = this.credential;
    const response = await fetch(input, this.withCredential(init, sentWith));
    if (sentWith?.kind !== 'bearer' || !(await isUnauthenticated(response))) return response;
    if (this.credential === sentWith) await this.refresh();
    return this.credential?.kind === 'bearer' ? fetch(input, this.withCredential(init, this.credential)) : response;
  };

  /** Resumes the browser session from the refresh cookie; concurrent callers share one request. */
  refresh(): Promise<string | null> {
    this.refreshing ??= withRefreshLock(() =>
      this.request<{ sessionRefresh: { accessToken: string | null } | null }>('mutation { sessionRefresh(input: {}) { accessToken } }'),
    )
      .then((result) => result.data?.sessionRefresh?.accessToken ?? null)
      .catch(() => null)
      .then((token) => {
        // An API key pasted meanwhile stays in use.
        if (this.current?.kind !== 'apiKey') this.set(token ? { kind: 'bearer', token } : null);
        return token;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  /** Signs in; returns the messages to show when it did not work. */
  async signIn(email: string, password: string): Promise<string[]> {
    const result = await this.request<{
      sessionCreate: { accessToken: string | null; userErrors: UserError[] } | null;
    }>('mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken userErrors { field message code } } }', {
      input: { email, password },
    });
    const payload = result.data?.sessionCreate;
    if (payload?.accessToken) {
      this.set({ kind: 'bearer', token: payload.accessToken });
      return [];
    }
    const messages = [...(payload?.userErrors ?? []), ...(result.errors ?? [])].map((e) => e.message);
    return messages.length > 0 ? messages : ['Sign-in failed'];
  }

  async signOut(): Promise<void> {
    // Best effort (an expired access token does not matter, the cookie names the session): the page forgets its token either way.
    await this.request('mutation { sessionRevoke(input: {}) { ok } }').catch(() => undefined);
    this.set(null);
  }

  useApiKey(key: string): void {
    this.set({ kind: 'apiKey', key });
  }

  forgetApiKey(): void {
    this.set(null);
  }

  /** Sent without the page's credential: these mutations work from the password or the refresh cookie, and an expired access token would fail them. */
  private async request<T>(query: string, variables?: unknown): Promise<GraphQLResult<T>> {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) };
    const response = await fetch(this.endpoint, this.withCredential(init, null));
    return (await response.json()) as GraphQLResult<T>;
  }

  private withCredential(init: RequestInit, credential: Credential): RequestInit {
    const headers = new Headers(init.headers);
    // The API's CSRF prevention rejects simple requests without this header.
    headers.set('apollo-require-preflight', 'true');
    // Headers typed into GraphiQL's header editor win over the page's credential.
    if (credential?.kind === 'bearer' && !headers.has('authorization')) headers.set('authorization', `Bearer ${credential.token}`);
    if (credential?.kind === 'apiKey' && !headers.has('x-api-key')) headers.set('x-api-key', credential.key);
    return { ...init, headers, credentials: 'same-origin' };
  }
}

async function isUnauthenticated(response: Response): Promise<boolean> {
  if (response.status === 401) return true;
  if (!response.headers.get('content-type')?.includes('application/json')) return false;
  try {
    const body = (await response.clone().json()) as GraphQLResult<unknown>;
    return body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED') ?? false;
  } catch {
    return false;
  }
}

/**
 * Each refresh token works once and a replay ends the whole session, so GraphiQL takes the same Web
 * Lock as the web app (apps/web session.ts): tabs of either refresh one after another, each with the
 * cookie the previous one left.
 */
async function withRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return work();
  let result!: T;
  await locks.request('steward-session-refresh', async () => {
    result = await work();
  });
  return result;
}
