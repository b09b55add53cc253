import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  body: string;
}

const OK = (_req: IncomingMessage, res: ServerResponse) => res.writeHead(200).end('ok');

/**
 * A partner's HTTP receiver on loopback (allowed by name in the test's config, as a deployment would allow a host), for
 * the webhook and channel delivery tests: records every request; `answer` decides the response (200 "ok" until changed).
 */
export class HttpReceiver {
  readonly received: ReceivedRequest[] = [];
  answer: (req: IncomingMessage, res: ServerResponse) => void = OK;
  /** http://127.0.0.1:<port>, once started. */
  base = '';
  private server!: Server;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ path: req.url ?? '', headers: req.headers as Record<string, string>, body: Buffer.concat(chunks).toString('utf8') });
        this.answer(req, res);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.base = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Forgets what was received and answers 200 again: between tests. */
  reset(): void {
    this.received.length = 0;
    this.answer = OK;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
