import { createContext } from '../src/context';
import { Caller, Harness, startHarness } from './harness';

/** Work a GraphQL request no longer does, and what must still hold without it (docs/performance.md). */

let h: Harness;
let children = 0;
beforeAll(async () => {
  h = await startHarness();
  const child = h.services.log.child.bind(h.services.log);
  h.services.log.child = ((...args: Parameters<typeof child>) => {
    children += 1;
    return child(...args);
  }) as typeof child;
});
afterAll(() => h.close());

describe('a GraphQL request', () => {
  it('is answered without an ETag (its body is not hashed) or X-Powered-By, while other routes keep their ETag', async () => {
    const admin = await h.signIn('admin@acme.test');
    const answer = await admin.gql('{ agents(first: 5) { nodes { name } } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.headers.get('etag')).toBeNull();
    expect(answer.headers.get('x-powered-by')).toBeNull();
    expect(answer.headers.get('x-request-id')).toEqual(expect.any(String));
    const health = await fetch(`${h.url}/healthz`);
    expect(health.headers.get('etag')).toEqual(expect.any(String));
  });

  it('still takes the client address a loopback proxy forwards', async () => {
    const requestId = `forwarded-${Date.now()}`;
    const forged = new Caller(h.url, { token: 'not-a-token', headers: { 'x-forwarded-for': '203.0.113.7', 'x-request-id': requestId } });
    const answer = await forged.gql('{ viewer { signedIn } }');
    expect(answer.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [entry] = await h.sql<{ ip: string }>('SELECT ip FROM audit_entries WHERE request_id = $1', [requestId]);
    expect(entry).toEqual({ ip: '203.0.113.7' });
  });

  it('makes no logger of its own unless it logs', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const before = children;
    for (let i = 0; i < 3; i++) expect((await viewer.gql('{ viewer { signedIn } agents(first: 3) { nodes { name } } }')).errors).toBeUndefined();
    expect(children).toBe(before);

    // When it does log, its lines carry its request id, also from the copy of the context Apollo runs with.
    const ctx = await createContext(h.services, { credentials: { kind: 'anonymous' }, requestId: 'logs-once' });
    try {
      const copy = Object.assign(Object.create(Object.getPrototypeOf(ctx)), ctx) as typeof ctx;
      expect(copy.log.bindings()).toMatchObject({ requestId: 'logs-once' });
      expect(copy.log).toBe(copy.log);
      expect(children).toBe(before + 1);
    } finally {
      await ctx.tx.rollback();
    }
  });
});
