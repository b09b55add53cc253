import { DEMO_PASSWORD } from '../src/db/seed/demo-world';
import { startHarness } from './harness';

describe('shutting down', () => {
  it('finishes the requests in flight before it stops, and then takes no more', async () => {
    const h = await startHarness();
    // Signing in takes a while (argon2), so it is still running when the shutdown begins.
    const inFlight = h.anonymous.gql(`mutation($input: SessionCreateInput!) { sessionCreate(input: $input) { accessToken } }`,
      { input: { email: 'admin@acme.test', password: DEMO_PASSWORD } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const stopped = h.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(response.data.sessionCreate.accessToken).toMatch(/^ey/);
    await stopped;
    await expect(fetch(`${h.url}/healthz`)).rejects.toThrow();
  });
});
