/** A scripted /graphql endpoint for tests of the session and the link chain. */
export interface SentRequest {
  operationName: string | null;
  authorization: string | null;
  variables: Record<string, unknown>;
  /** The operation's text when it was sent (the web app sends its operations by hash only). */
  query: string | null;
  /** extensions.persistedQuery.sha256Hash. */
  persistedHash: string | null;
}

export type Reply = { status?: number; body: unknown };

export function fakeApi(handler: (request: SentRequest, index: number) => Reply | Promise<Reply>) {
  const sent: SentRequest[] = [];
  const fetch = jest.fn(async (_input: RequestInfo | URL, init?: RequestInit) => {
    const headers = new Headers(init?.headers);
    const body = JSON.parse(String(init?.body ?? '{}')) as {
      query?: string;
      operationName?: string;
      variables?: Record<string, unknown>;
      extensions?: { persistedQuery?: { sha256Hash?: string } };
    };
    const request: SentRequest = {
      operationName: body.operationName ?? null,
      authorization: headers.get('authorization'),
      variables: body.variables ?? {},
      query: body.query ?? null,
      persistedHash: body.extensions?.persistedQuery?.sha256Hash ?? null,
    };
    sent.push(request);
    const reply = await handler(request, sent.length - 1);
    return new Response(JSON.stringify(reply.body), { status: reply.status ?? 200, headers: { 'content-type': 'application/json' } });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent };
}

export const unauthenticated = (message = 'The access token is invalid or has expired'): Reply => ({
  status: 401,
  body: { errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] },
});

export function tokens(accessToken: string | null, minutes = 15) {
  return { accessToken, accessTokenExpiresAt: accessToken ? new Date(Date.now() + minutes * 60_000).toISOString() : null };
}
