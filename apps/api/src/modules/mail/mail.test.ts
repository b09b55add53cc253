import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { inScope } from '../../scope';
import { closeTransports, MailReceiver, queueAccountMail, queueMail, sendQueuedMail } from '.';

const acme = stableUuid('tenant:acme');
const globex = stableUuid('tenant:globex');
const receiver = new MailReceiver();
let h: Harness;

beforeAll(async () => {
  const smtpUrl = await receiver.start();
  h = await startHarness({ mail: { smtpUrl, from: 'Steward <no-reply@steward.test>', publicUrl: 'http://steward.test' } });
});
afterAll(async () => {
  await h.close();
  closeTransports();
  await receiver.stop();
});

const system = (tenantId: string) => ({ actor: { kind: 'system' as const, tenantId, name: 'mail test' } });

describe('the mail outbox', () => {
  it('sends a queued message over SMTP once its transaction commits, and records the send', async () => {
    const id = await inScope(h.services, system(acme), (scope) =>
      queueMail(scope, {
        kind: 'test',
        to: 'someone@acme.test',
        subject: 'Outbox probe',
        text: 'Open http://steward.test/probe?x=1 now',
        html: '<p>probe</p>',
      }),
    );
    const [queued] = await h.sql(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'mail:send' AND key = $1`, [`mail:send:${id}`]);
    expect(queued.n).toBe(1);
    await h.runJobs();
    const mail = await receiver.waitFor((m) => m.subject === 'Outbox probe');
    expect(mail).toMatchObject({ from: 'no-reply@steward.test', to: ['someone@acme.test'], links: ['http://steward.test/probe?x=1'], html: '<p>probe</p>' });
    const [row] = await h.sql(`SELECT status, attempts, sent_at IS NOT NULL AS sent, smtp_message_id IS NOT NULL AS has_id FROM mail_outbox WHERE id = $1`, [
      id,
    ]);
    expect(row).toEqual({ status: 'sent', attempts: 1, sent: true, has_id: true });
    // A second run of the same job (a retry after a crash) does not send it again.
    expect(await sendQueuedMail(h.services, id)).toBe('skipped');
    expect(receiver.received.filter((m) => m.subject === 'Outbox probe')).toHaveLength(1);
  });

  it('sends nothing for a transaction that rolls back', async () => {
    await expect(
      inScope(h.services, system(acme), async (scope) => {
        await queueMail(scope, { kind: 'test', to: 'someone@acme.test', subject: 'Rolled back', text: 'never' });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await h.runJobs();
    expect(await h.sql(`SELECT id FROM mail_outbox WHERE subject = 'Rolled back'`)).toEqual([]);
    expect(receiver.received.some((m) => m.subject === 'Rolled back')).toBe(false);
  });

  it("keeps each tenant's mail from the others, and account mail from every tenant", async () => {
    await inScope(h.services, system(acme), (scope) => queueMail(scope, { kind: 'test', to: 'a@acme.test', subject: 'Acme only', text: 'a' }));
    await inScope(h.services, system(globex), (scope) => queueMail(scope, { kind: 'test', to: 'g@globex.test', subject: 'Globex only', text: 'g' }));
    await h.dataSource.transaction((manager) => queueAccountMail(manager, { kind: 'test', to: 'person@example.test', subject: 'Account only', text: 'p' }));
    const seen = await inScope(h.services, system(globex), (scope) => scope.tx.manager.query(`SELECT subject FROM mail_outbox ORDER BY subject`));
    expect(seen.map((r: { subject: string }) => r.subject)).toContain('Globex only');
    expect(seen.map((r: { subject: string }) => r.subject)).not.toContain('Acme only');
    expect(seen.map((r: { subject: string }) => r.subject)).not.toContain('Account only');
    await h.runJobs();
    await receiver.waitFor((m) => m.subject === 'Account only');
  });

  it('records a failed send for a retry, and marks it failed after the last attempt', async () => {
    const id = await h.dataSource.transaction((manager) => queueAccountMail(manager, { kind: 'test', to: 'x@example.test', subject: 'Nowhere', text: 'x' }));
    const mail = h.services.config.mail;
    const saved = mail.smtpUrl;
    mail.smtpUrl = 'smtp://127.0.0.1:9';
    try {
      await expect(sendQueuedMail(h.services, id)).rejects.toThrow();
      expect((await h.sql(`SELECT status, attempts, last_error IS NOT NULL AS why FROM mail_outbox WHERE id = $1`, [id]))[0]).toEqual({
        status: 'pending',
        attempts: 1,
        why: true,
      });
      mail.smtpUrl = null;
      await expect(sendQueuedMail(h.services, id, true)).rejects.toThrow('SMTP_URL is not set');
      expect((await h.sql(`SELECT status, attempts, last_error FROM mail_outbox WHERE id = $1`, [id]))[0]).toEqual({
        status: 'failed',
        attempts: 2,
        last_error: 'SMTP_URL is not set: mail cannot be sent',
      });
    } finally {
      mail.smtpUrl = saved;
    }
  });
});
