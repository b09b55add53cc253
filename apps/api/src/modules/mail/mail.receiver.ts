import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as the receiver got it, parsed. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** Every http(s) link in the text, in order. */
  links: string[];
  receivedAt: string;
}

/**
 * A real SMTP server on loopback that keeps what it receives: tests read the messages Steward sent, and
 * `start` outside production sends to one (writing each message to `dir` as JSON, so a person or a browser
 * test can open the links). Not for production: it accepts mail from anyone who reaches the port.
 */
export class MailReceiver {
  readonly received: ReceivedMail[] = [];
  private readonly server: SMTPServer;
  private waiters: (() => void)[] = [];
  url = '';

  constructor(private readonly options: { dir?: string; onMail?: (mail: ReceivedMail) => void } = {}) {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const text = parsed.text ?? '';
            const mail: ReceivedMail = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text,
              html: typeof parsed.html === 'string' ? parsed.html : null,
              links: [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0]),
              receivedAt: new Date().toISOString(),
            };
            this.keep(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    });
  }

  private keep(mail: ReceivedMail): void {
    this.received.push(mail);
    if (this.options.dir) {
      mkdirSync(this.options.dir, { recursive: true });
      const name = `${mail.receivedAt.replace(/[:.]/g, '-')}-${this.received.length}.json`;
      writeFileSync(join(this.options.dir, name), JSON.stringify(mail, null, 2));
    }
    this.options.onMail?.(mail);
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  async start(port = 0): Promise<string> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.url = `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** The first message received (or already there) that `matches`; fails after `timeoutMs`. */
  async waitFor(matches: (mail: ReceivedMail) => boolean, timeoutMs = 10_000): Promise<ReceivedMail> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(matches);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no matching mail within ${timeoutMs} ms; received: ${JSON.stringify(this.received.map((m) => [m.to, m.subject]))}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
