import { connect, Socket } from 'node:net';
import { Harness, startHarness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ httpHeadersTimeoutMs: 1000, httpRequestTimeoutMs: 2000, httpKeepAliveTimeoutMs: 500, maxRequestBodyBytes: 20_000 });
});
afterAll(() => h.close());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection to the test server on loopback, recording what it answers and whether it was closed. */
async function open(): Promise<{ socket: Socket; received: () => string; closed: () => boolean }> {
  const { port } = new URL(h.url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let text = '';
  let closed = false;
  socket.on('data', (chunk) => {
    text += chunk.toString();
  });
  socket.on('error', () => undefined);
  socket.on('close', () => {
    closed = true;
  });
  return { socket, received: () => text, closed: () => closed };
}

describe('the HTTP server', () => {
  it('cuts off a client that trickles its headers', async () => {
    const client = await open();
    client.socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\n');
    let sent = 0;
    // Bounded: 100 headers, 100 ms apart, ten times the configured timeout.
    while (sent < 100 && !client.closed()) {
      client.socket.write(`X-Slow-${sent}: 1\r\n`);
      sent += 1;
      await pause(100);
    }
    client.socket.destroy();
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(sent).toBeLessThan(100);
  });

  it('cuts off a client that trickles its body', async () => {
    const client = await open();
    client.socket.write('POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n');
    let sent = 0;
    // Bounded: 100 bytes, 100 ms apart, five times the configured request timeout.
    while (sent < 100 && !client.closed()) {
      client.socket.write(' ');
      sent += 1;
      await pause(100);
    }
    client.socket.destroy();
    expect(client.received()).toMatch(/^HTTP\/1\.1 408/);
    expect(sent).toBeLessThan(100);
  });

  it('closes an idle kept-alive connection', async () => {
    const client = await open();
    client.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n');
    let waited = 0;
    while (waited < 50 && !client.closed()) {
      await pause(100);
      waited += 1;
    }
    client.socket.destroy();
    expect(client.received()).toMatch(/^HTTP\/1\.1 200/);
    expect(waited).toBeLessThan(50);
  });

  it('refuses a body over the limit with 413 and says what the limit is', async () => {
    const body = JSON.stringify({ query: '{ viewer { role } }', variables: { pad: 'x'.repeat(30_000) } });
    const response = await fetch(`${h.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is larger than the limit of 20000 bytes', extensions: { code: 'BAD_REQUEST' } }],
    });
    const small = await fetch(`${h.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ viewer { role } }' }),
    });
    expect(small.status).toBe(200);
  });
});
