import { baseUrl } from './browser';

/** The API serves the built app from its own origin (apps/api/src/web/web.router.ts). */
describe('serving the built app', () => {
  const html = { accept: 'text/html,application/xhtml+xml' };

  it('answers any page path with index.html, never cached, under a strict CSP', async () => {
    for (const path of ['/', '/members', '/audit?x=1', '/no/such/page']) {
      const response = await fetch(`${baseUrl()}${path}`, { headers: html });
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it('caches hashed assets for a year', async () => {
    const index = await (await fetch(`${baseUrl()}/`, { headers: html })).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(index)?.[1];
    expect(script).toBeDefined();
    const response = await fetch(`${baseUrl()}${script}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('leaves the API its own paths', async () => {
    const graphiql = await fetch(`${baseUrl()}/graphql`, { headers: html });
    expect(await graphiql.text()).toContain('<title>Steward GraphiQL</title>');
    const health = await fetch(`${baseUrl()}/healthz`, { headers: html });
    expect(await health.json()).toEqual({ status: 'ok' });
    const json = await fetch(`${baseUrl()}/members`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
    const post = await fetch(`${baseUrl()}/members`, { method: 'POST', headers: html });
    expect(post.status).toBe(404);
  });
});
