import { Writable } from 'node:stream';
import { format } from 'node:util';
import { DEMO_PASSWORD, demoApiKeySecret } from '../src/db/seed/demo-world';
import { toGlobalId } from '../src/graphql/global-id';
import { createLogger, logFormat } from '../src/logger';
import { stableUuid } from '../src/db/seed/deterministic';
import { Caller, Harness, startHarness } from './harness';

/** Everything the server writes while the test runs: its logger, the console, stdout and stderr. */
class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

const capture = new Capture();
let h: Harness;
const restores: (() => void)[] = [];

beforeAll(async () => {
  h = await startHarness({}, { log: createLogger({ destination: capture, level: 'trace', format: 'json' }) });
  // As `pnpm start` runs it: Express's own error output is on outside of tests.
  h.server.app.set('env', 'development');
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      capture.write(Buffer.from(chunk));
      return write(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => {
      stream.write = write;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const spy = jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      capture.write(format(...args) + '\n');
    });
    restores.push(() => spy.mockRestore());
  }
});
afterAll(async () => {
  for (const restore of restores) restore();
  await h.close();
});

const SIGN_IN = `mutation SignIn($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken refreshToken userErrors { code } } }`;
const REFRESH = `mutation Refresh($input: SessionRefreshInput!) { sessionRefresh(input: $input) { accessToken } }`;
const CREATE_KEY = `mutation CreateKey($input: ApiKeyCreateInput!) { apiKeyCreate(input: $input) { secret userErrors { code } } }`;
const ADD_CHANNEL = `mutation AddChannel($input: AgentChannelAddInput!) { agentChannelAdd(input: $input) { channel { id } userErrors { code } } }`;
const INVITE = `mutation Invite($input: InvitationCreateInput!) { invitationCreate(input: $input) { token userErrors { code } } }`;
const ACCEPT = `mutation Accept($input: InvitationAcceptInput!) { invitationAccept(input: $input) { accepted userErrors { code } } }`;

async function post(body: string, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  const response = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, text: await response.text() };
}

/** The JSON of a GraphQL request with its last `}` preceded by a trailing comma: not JSON any more. */
function trailingComma(query: string, variables: Record<string, unknown>): string {
  return JSON.stringify({ query, variables }).replace(/}$/, ',}');
}

describe('the server log', () => {
  it('never holds a password, token, API key, cookie or secret, from valid or malformed requests', async () => {
    const secrets: string[] = [];
    const remember = <T extends string | null | undefined>(value: T): T => {
      if (value) secrets.push(value);
      return value;
    };

    // Passwords: a real sign-in, a wrong one, and sign-ins whose JSON does not parse.
    remember(DEMO_PASSWORD);
    const signedIn = await h.anonymous.gql(SIGN_IN, { input: { email: 'admin@acme.test', password: DEMO_PASSWORD, refreshTokenInBody: true } });
    const accessToken = remember(signedIn.data.sessionCreate.accessToken as string);
    const refreshToken = remember(signedIn.data.sessionCreate.refreshToken as string);
    remember(/steward_refresh=([^;]+)/.exec(signedIn.headers.get('set-cookie') ?? '')?.[1]);
    await h.anonymous.gql(SIGN_IN, { input: { email: 'admin@acme.test', password: remember('wrong-password-Zq81xv') } });
    const malformedPassword = remember('malformed-password-Hk27Lp');
    const trailing = await post(trailingComma(SIGN_IN, { input: { email: 'admin@acme.test', password: malformedPassword } }));
    const unquoted = await post(
      `{"query":${JSON.stringify(SIGN_IN)},"variables":{"input":{"email":"admin@acme.test","password":${remember('unquoted-password-Wm55Rt')}}}}`,
    );

    // The refresh cookie and bearer tokens, in good and broken requests.
    const cookie = `steward_refresh=${refreshToken}`;
    await post(JSON.stringify({ query: REFRESH, variables: { input: {} } }), { cookie });
    await post(trailingComma(REFRESH, { input: { refreshToken } }), { cookie });
    const admin = new Caller(h.url, { token: accessToken });
    await admin.gql(`query Who { viewer { role } }`);
    await post('{"query": "{ viewer { role } }",}', { authorization: `Bearer ${accessToken}` });
    await post(JSON.stringify({ query: '{ viewer { role } }' }), { authorization: `Bearer ${remember('eyJhbGciOiJIUzI1NiJ9.forged.Ur9d2Kq')}` });

    // API keys: the demo key, an unknown one, and a key's secret as it is created.
    const demoKey = remember(demoApiKeySecret('acme', 'Agent runtime'));
    await h.apiKey(demoKey).gql(`query Agents { agents(first: 1) { nodes { name } } }`);
    await post('{"query": "{ viewer { role } }"', { 'x-api-key': demoKey });
    await h.apiKey(remember('stw_unknown_key_Pq7Yb3Nc9Vd2')).gql(`{ viewer { role } }`);
    const created = await admin.ok(CREATE_KEY, { input: { name: 'Log test', role: 'DEVELOPER' } });
    remember(created.apiKeyCreate.secret as string);

    // A channel's secret settings.
    const agentId = toGlobalId('Agent', stableUuid('agent:acme:Incident Triage'));
    const channelSecret = remember('whsec-logtest-Jb61Ck');
    const smtpPassword = remember('smtp-password-Nd41Xe');
    await admin.ok(ADD_CHANNEL, {
      input: { agentId, type: 'WEBHOOK', name: 'Log hook', config: { url: 'https://hooks.acme.test/log', secret: channelSecret } },
    });
    await post(trailingComma(ADD_CHANNEL, { input: { agentId, type: 'EMAIL', name: 'Log mail', config: { address: 'ops@acme.test', smtpPassword } } }), {
      authorization: `Bearer ${accessToken}`,
    });

    // An invitation's token, shown once, then accepted with a new password; and a broken accept.
    const invited = await admin.ok(INVITE, { input: { email: 'logged@acme.test', role: 'ANALYST' } });
    const token = remember(invited.invitationCreate.token as string);
    await post(trailingComma(ACCEPT, { input: { token, fullName: 'Lo Gged', password: remember('invitee-password-Ts93Gh') } }));
    await h.anonymous.ok(ACCEPT, { input: { token, fullName: 'Lo Gged', password: remember('invitee-password-Vb28Mq') } });

    // A body over the limit, holding a password.
    await post(
      JSON.stringify({
        query: SIGN_IN,
        variables: { input: { email: 'x@acme.test', password: remember('oversized-password-Ae73Lk'), pad: 'x'.repeat(2_000_000) } },
      }),
    );

    const leaked = secrets.filter((secret) => capture.text.includes(secret));
    expect(leaked).toEqual([]);
    expect(capture.text).not.toMatch(/at \S+ \(\/.*:\d+:\d+\)/);
    expect(trailing.status).toBe(400);
    expect(unquoted.status).toBe(400);
    expect(JSON.parse(trailing.text).errors[0]).toEqual({ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } });
    // The log did record these requests: the search below is not over an empty log.
    expect(capture.text).toMatch(/"status":400/);
    expect(capture.text).toMatch(/"operation":"SignIn"/);
    expect(secrets.length).toBeGreaterThanOrEqual(16);
  });

  it('redacts secrets that code hands it, at any depth it was told of', () => {
    const out = new Capture();
    const log = createLogger({ destination: out, level: 'info', format: 'json' });
    log.info(
      {
        req: { headers: { authorization: 'Bearer tok-Aa1', 'x-api-key': 'stw_Bb2', cookie: 'steward_refresh=rt_Cc3' } },
        res: { headers: { 'set-cookie': 'steward_refresh=rt_Dd4' } },
        input: { password: 'pw-Ee5', token: 'inv-Ff6', refreshToken: 'rt_Gg7' },
        config: { secret: 'whsec-Hh8', smtpPassword: 'smtp-Ii9', botToken: 'xoxb-Jj0', signingSecret: 'sig-Kk1' },
        variables: { anything: 'var-Ll2' },
        err: { message: 'parse failed', body: '{"password":"body-Mm3"}' },
        body: 'raw-Nn4',
        sqlError: { query: 'UPDATE users SET password_hash = $1', parameters: ['hash-Oo5'] },
      },
      'handed secrets',
    );
    expect(out.text).toMatch(/handed secrets/);
    const found = out.text.match(
      /(?:tok-Aa1|stw_Bb2|rt_Cc3|rt_Dd4|pw-Ee5|inv-Ff6|rt_Gg7|whsec-Hh8|smtp-Ii9|xoxb-Jj0|sig-Kk1|var-Ll2|body-Mm3|raw-Nn4|hash-Oo5)/g,
    );
    expect(found).toBeNull();
  });
});

describe('request log lines', () => {
  const lines = () =>
    capture.text
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);

  it('say for each GraphQL request its operation, status, duration, caller kind and request id', async () => {
    const admin = await h.signIn('admin@acme.test');
    await admin.gql(`query ViewerRole { viewer { role } }`);
    await h.apiKey(demoApiKeySecret('acme', 'Agent runtime')).gql(`query KeyAgents { agents(first: 1) { nodes { name } } }`);
    await h.anonymous.gql(`query AnonymousViewer { viewer { signedIn } }`);
    await post('{"query": "{ viewer { role } }",}');
    const graphql = lines().filter((l) => l.msg === 'graphql');
    const byOperation = (name: string) => graphql.find((l) => l.operation === name);
    expect(byOperation('ViewerRole')).toMatchObject({
      level: 30,
      method: 'POST',
      path: '/graphql',
      status: 200,
      caller: 'user',
      requestId: expect.any(String),
      ms: expect.any(Number),
    });
    expect(byOperation('KeyAgents')).toMatchObject({ caller: 'apiKey', status: 200 });
    expect(byOperation('AnonymousViewer')).toMatchObject({ caller: 'anonymous', status: 200 });
    expect(graphql.find((l) => l.status === 400 && l.operation === null)).toMatchObject({ path: '/graphql', caller: 'anonymous' });
    expect(graphql.every((l) => l.path === '/graphql')).toBe(true);
  });

  it('note a client that went away mid-request at info, not as a failed commit', async () => {
    const before = lines().length;
    // Signing in runs argon2, so the request is still executing when its client gives up.
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        const controller = new AbortController();
        const sent = fetch(`${h.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: SIGN_IN, variables: { input: { email: 'admin@acme.test', password: DEMO_PASSWORD } } }),
          signal: controller.signal,
        });
        setTimeout(() => controller.abort(), 5);
        await sent.catch(() => undefined);
      }),
    );
    const wentAway = () =>
      lines()
        .slice(before)
        .filter((l) => l.msg === 'the client went away before its answer; nothing it changed was saved');
    for (let i = 0; i < 100 && wentAway().length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(wentAway()[0]).toMatchObject({ level: 30 });
    expect(
      lines()
        .slice(before)
        .filter((l) => l.msg === 'commit failed'),
    ).toEqual([]);
  });

  it('put static files and the favicon at debug, not info', async () => {
    for (const path of ['/favicon.ico', '/graphiql/assets/graphiql.js', '/assets/index.js']) await fetch(`${h.url}${path}`);
    const statics = lines().filter((l) => ['/favicon.ico', '/graphiql/assets/graphiql.js', '/assets/index.js'].includes(l.path as string));
    expect(statics).toHaveLength(3);
    expect(statics.map((l) => l.level)).toEqual([20, 20, 20]);
  });
});

describe('log format', () => {
  it('is one short human line per request at a terminal, JSON otherwise or when asked', () => {
    expect(logFormat({}, true)).toBe('pretty');
    expect(logFormat({}, false)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'json' }, true)).toBe('json');
    expect(logFormat({ LOG_FORMAT: 'pretty' }, false)).toBe('pretty');
    expect(() => logFormat({ LOG_FORMAT: 'xml' }, true)).toThrow(/LOG_FORMAT must be json or pretty/);

    const out = new Capture();
    const log = createLogger({ destination: out, level: 'info', format: 'pretty' });
    log.info({ requestId: 'req-1', method: 'POST', path: '/graphql', operation: 'AgentsPage', status: 200, ms: 12.345, caller: 'user' }, 'graphql');
    log.info({ requestId: 'req-2', input: { password: 'pretty-Pw9' } }, 'something else');
    const [first, second] = out.text.trimEnd().split('\n');
    expect(first).toMatch(/INFO.*POST \/graphql AgentsPage 200 12ms user req-1$/);
    expect(first).not.toMatch(/[{}]/);
    expect(second).toMatch(/something else/);
    expect(out.text).not.toMatch(/pretty-Pw9/);
  });
});
