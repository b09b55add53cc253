import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { inScope } from '../../scope';

/** The notification centre: written by the database with the change it tells of, read and marked by its member alone. */
let h: Harness;
const acme = stableUuid('tenant:acme');
const userId = (email: string) => toGlobalId('User', stableUuid(`user:${email}`));
const CREATE = `mutation($i: ApprovalRequestCreateInput!) { approvalRequestCreate(input: $i) { approvalRequest { id } userErrors { message } } }`;
const MINE = `{ notificationUnreadCount notifications(first: 20) { nodes { id kind title subjectGlobalId readAt } } }`;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function ask(title: string, decider: string): Promise<string> {
  const dev = await h.signIn('dev@acme.test');
  const { approvalRequestCreate } = await dev.ok(CREATE, {
    i: { title, steps: [{ name: 'Review', mode: 'SINGLE', deciders: [{ kind: 'MEMBER', userId: userId(decider) }] }] },
  });
  expect(approvalRequestCreate.userErrors).toEqual([]);
  return approvalRequestCreate.approvalRequest.id;
}

describe('notifications', () => {
  it('tell a decider of the step they may decide, only them, and are marked read one by one or all at once', async () => {
    const compliance = await h.signIn('compliance@acme.test');
    const before = (await compliance.ok(MINE)).notificationUnreadCount;
    const requestId = await ask('Notify the compliance officer', 'compliance@acme.test');
    await ask('Notify again', 'compliance@acme.test');
    const mine = await compliance.ok(MINE);
    expect(mine.notificationUnreadCount).toBe(before + 2);
    expect(mine.notifications.nodes.slice(0, 2)).toEqual([
      expect.objectContaining({ kind: 'APPROVAL_ASSIGNED', title: 'Your decision is asked: Notify again', readAt: null }),
      expect.objectContaining({ kind: 'APPROVAL_ASSIGNED', title: 'Your decision is asked: Notify the compliance officer', subjectGlobalId: requestId }),
    ]);
    // Another member (even an admin) neither sees them nor marks them read.
    const admin = await h.signIn('admin@acme.test');
    expect((await admin.ok(MINE)).notifications.nodes.map((n: { id: string }) => n.id)).not.toContain(mine.notifications.nodes[0].id);
    const foreign = await admin.ok(`mutation($i: NotificationMarkReadInput!) { notificationMarkRead(input: $i) { marked } }`, {
      i: { notificationIds: [mine.notifications.nodes[0].id] },
    });
    expect(foreign.notificationMarkRead.marked).toBe(0);
    for (const other of [admin, await h.signIn('admin@globex.test')]) {
      const read = await other.gql(`query($id: ID!) { node(id: $id) { id } }`, { id: mine.notifications.nodes[0].id });
      expect(read.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    }

    const one = await compliance.ok(
      `mutation($i: NotificationMarkReadInput!) { notificationMarkRead(input: $i) { marked unreadCount userErrors { message } } }`,
      {
        i: { notificationIds: [mine.notifications.nodes[0].id] },
      },
    );
    expect(one.notificationMarkRead).toEqual({ marked: 1, unreadCount: before + 1, userErrors: [] });
    const all = await compliance.ok(`mutation { notificationMarkAllRead { marked unreadCount } }`);
    expect(all.notificationMarkAllRead).toEqual({ marked: before + 1, unreadCount: 0 });
  });

  it('follow preferences per kind: a member who switched approvals off in the app gets none', async () => {
    const analyst = await h.signIn('analyst@acme.test');
    const set = await analyst.ok(
      `mutation($i: NotificationPreferenceInput!) { notificationPreferenceSet(input: $i) { notificationPreferences { kind inApp email } userErrors { message } } }`,
      { i: { kind: 'APPROVAL_ASSIGNED', inApp: false, email: true } },
    );
    expect(set.notificationPreferenceSet.notificationPreferences).toEqual([
      { kind: 'APPROVAL_ASSIGNED', inApp: false, email: true },
      { kind: 'ALERT_RAISED', inApp: true, email: false },
      { kind: 'VIOLATION_OPENED', inApp: true, email: false },
    ]);
    const before = (await analyst.ok(MINE)).notificationUnreadCount;
    await ask('Not for the analyst centre', 'analyst@acme.test');
    expect((await analyst.ok(MINE)).notificationUnreadCount).toBe(before);
    // By email instead: a message in the mail outbox (whose insert queues the SMTP send).
    expect(await h.sql(`SELECT kind, subject FROM mail_outbox WHERE to_address = 'analyst@acme.test' AND kind = 'notification.approval.assigned'`)).toEqual([
      { kind: 'notification.approval.assigned', subject: 'Steward: Your decision is asked: Not for the analyst centre' },
    ]);
  });

  it("tell an agent's owner of its alerts, tenant admins of alerts about no agent, and nobody of a change that rolled back", async () => {
    const [agent] = await h.sql(`SELECT a.id, u.email FROM agents a JOIN users u ON u.id = a.created_by_id WHERE a.tenant_id = $1 LIMIT 1`, [acme]);
    const owner = await h.signIn(agent.email);
    const admin = await h.signIn('admin@acme.test');
    const ownerBefore = (await owner.ok(MINE)).notificationUnreadCount;
    const adminBefore = (await admin.ok(MINE)).notificationUnreadCount;
    await h.sql(`INSERT INTO alerts (tenant_id, source, severity, message, agent_id) VALUES ($1, 'health', 'critical', 'Owner probe', $2)`, [acme, agent.id]);
    await expect(
      inScope(h.services, { actor: { kind: 'system', tenantId: acme, name: 'notifications test' } }, async (scope) => {
        await scope.tx.manager.query(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'compliance', 'info', 'Rolled back')`, [acme]);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await h.sql(`INSERT INTO alerts (tenant_id, source, severity, message) VALUES ($1, 'compliance', 'warning', 'Admin probe')`, [acme]);
    const ownerNow = await owner.ok(MINE);
    expect(ownerNow.notifications.nodes.map((n: { title: string }) => n.title)).toContain('Alert: Owner probe');
    const adminNow = await admin.ok(MINE);
    expect(adminNow.notifications.nodes.map((n: { title: string }) => n.title)).toContain('Alert: Admin probe');
    expect(adminNow.notifications.nodes.map((n: { title: string }) => n.title)).not.toContain('Alert: Rolled back');
    expect(ownerNow.notificationUnreadCount - ownerBefore + adminNow.notificationUnreadCount - adminBefore).toBe(agent.email === 'admin@acme.test' ? 4 : 2);
  });
});
