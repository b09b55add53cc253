import { Caller, Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';
import { purgeDeletedEverywhere } from '../../jobs/retention-tasks';

const REMOVE = `mutation($input: MembershipRemoveInput!) { membershipRemove(input: $input) { removedMembershipId userErrors { field message code } } }`;
const RESTORE = `mutation($input: DeletedItemInput!) { restore(input: $input) { restored { id kind name restorableUntil } userErrors { field message code } } }`;
const RECENT = `{ recentlyDeleted(first: 100) { totalCount nodes { id kind name deletedAt restorableUntil deletedBy { fullName } } } }`;
const MEMBERS = `{ members(first: 100) { totalCount nodes { id } } }`;
const USAGE = `{ tenant { usage { limit used } } }`;

const membershipUuid = (email: string, tenant: string) => stableUuid(`membership:${tenant}:${email}`);
const membership = (email: string, tenant = 'acme') => toGlobalId('Membership', membershipUuid(email, tenant));
const ids = (list: { nodes: { id: string }[] }) => list.nodes.map((n) => n.id);
const membersUsed = async (caller: Caller) => (await caller.ok(USAGE)).tenant.usage.find((u: { limit: string }) => u.limit === 'MEMBERS').used as number;

let h: Harness;
let admin: Caller;
beforeAll(async () => {
  h = await startHarness();
  admin = await h.signIn('admin@acme.test');
});
afterAll(() => h.close());

describe('removing a member', () => {
  it('hides them from lists and node, stops their tokens at once, frees their place, and restore brings them back as they were', async () => {
    const auditor = await h.signIn('auditor@acme.test');
    expect((await auditor.ok(`{ viewer { role } }`)).viewer.role).toBe('AUDITOR');
    const id = membership('auditor@acme.test');
    const before = (await admin.ok(MEMBERS)).members;
    expect(ids(before)).toContain(id);
    const usedBefore = await membersUsed(admin);

    const removed = (await admin.ok(REMOVE, { input: { membershipId: id } })).membershipRemove;
    expect(removed).toEqual({ removedMembershipId: id, userErrors: [] });

    // The token signed before the removal no longer reaches the tenant, nor does a new sign-in to it.
    const denied = await auditor.gql(`{ viewer { role } members { nodes { id } } }`);
    expect(denied.data.viewer.role).toBeNull();
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await expect(h.signIn('auditor@acme.test', 'acme')).rejects.toThrow(/sign-in failed/);

    const after = (await admin.ok(MEMBERS)).members;
    expect(ids(after)).not.toContain(id);
    expect(after.totalCount).toBe(before.totalCount - 1);
    const node = await admin.gql(`query($id: ID!) { node(id: $id) { id } }`, { id });
    expect(node.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await membersUsed(admin)).toBe(usedBefore - 1);

    // Recently deleted lists the member for those who manage members, not for others.
    const recent = (await admin.ok(RECENT)).recentlyDeleted.nodes.find((n: { id: string }) => n.id === id);
    expect(recent).toMatchObject({ kind: 'MEMBER', name: 'Otto Auditor', deletedBy: { fullName: 'Ada Admin' } });
    const [{ days }] = await h.sql(`SELECT p.deleted_retention_days AS days FROM tenants t JOIN plans p ON p.code = t.plan WHERE t.slug = 'acme'`);
    expect((Date.parse(recent.restorableUntil) - Date.parse(recent.deletedAt)) / 86_400_000).toBe(days);
    const dev = await h.signIn('dev@acme.test');
    expect(ids((await dev.ok(RECENT)).recentlyDeleted)).not.toContain(id);
    expect((await dev.gql(RESTORE, { input: { id } })).errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const restored = (await admin.ok(RESTORE, { input: { id } })).restore;
    expect(restored).toMatchObject({ restored: { id, kind: 'MEMBER', name: 'Otto Auditor' }, userErrors: [] });
    expect((await auditor.ok(`{ viewer { role } }`)).viewer.role).toBe('AUDITOR');
    expect(ids((await admin.ok(MEMBERS)).members)).toContain(id);
    expect(await membersUsed(admin)).toBe(usedBefore);
    expect(ids((await admin.ok(RECENT)).recentlyDeleted)).not.toContain(id);

    const audit = await h.sql(
      `SELECT action, entity_name, after FROM audit_entries WHERE entity_id = $1 AND outcome = 'success' AND action LIKE 'membership.%' ORDER BY seq`,
      [membershipUuid('auditor@acme.test', 'acme')],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['membership.remove', 'membership.restore']);
    expect(audit[0]).toMatchObject({ entity_name: 'auditor@acme.test', after: { restorableUntil: expect.any(String) } });
    expect(audit[1].after).toEqual({ deletedAt: null, role: 'auditor' });
  });

  it('refuses a restore while the person is a member again or the plan has no place left, and keeps the last admin', async () => {
    const id = membership('viewer@acme.test');
    expect((await admin.ok(REMOVE, { input: { membershipId: id } })).membershipRemove.userErrors).toEqual([]);

    // Invited anew meanwhile (as accepting an invitation would add them).
    await h.sql(`INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'analyst')`, [
      stableUuid('tenant:acme'),
      stableUuid('user:viewer@acme.test'),
    ]);
    expect((await admin.ok(RESTORE, { input: { id } })).restore).toEqual({
      restored: null,
      userErrors: [
        { field: ['input', 'id'], message: 'Vic Viewer is a member again: change their role instead of restoring this membership', code: 'CONFLICT' },
      ],
    });
    await h.sql(`DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2`, [stableUuid('tenant:acme'), stableUuid('user:viewer@acme.test')]);

    // A negotiated member limit of exactly what is in use: restoring would pass it.
    await h.sql(`UPDATE tenants SET resource_limits = jsonb_build_object('maxMembers', $1::int) WHERE slug = 'acme'`, [await membersUsed(admin)]);
    const full = (await admin.ok(RESTORE, { input: { id } })).restore;
    expect(full.restored).toBeNull();
    expect(full.userErrors[0].code).toBe('PLAN_LIMIT');
    await h.sql(`UPDATE tenants SET resource_limits = '{}' WHERE slug = 'acme'`);
    expect((await admin.ok(RESTORE, { input: { id } })).restore.userErrors).toEqual([]);

    const initech = await h.signIn('admin@initech.test');
    const last = (await initech.ok(REMOVE, { input: { membershipId: membership('admin@initech.test', 'initech') } })).membershipRemove;
    expect(last.userErrors).toEqual([{ field: ['input', 'membershipId'], message: 'A tenant must keep at least one admin', code: 'CONFLICT' }]);
    expect(await h.sql(`SELECT 1 FROM deleted_memberships WHERE user_id = $1`, [stableUuid('user:admin@initech.test')])).toHaveLength(0);
  });

  it('is purged by the job once the plan’s retention period ends, audited; until then it stays restorable', async () => {
    const initech = await h.signIn('admin@initech.test');
    const id = membership('analyst@initech.test', 'initech');
    const uuid = membershipUuid('analyst@initech.test', 'initech');
    expect((await initech.ok(REMOVE, { input: { membershipId: id } })).membershipRemove.userErrors).toEqual([]);
    const listed = (await initech.ok(RECENT)).recentlyDeleted.nodes.find((n: { id: string }) => n.id === id);
    const until = new Date(listed.restorableUntil);

    await purgeDeletedEverywhere(h.services, new Date(until.getTime() - 86_400_000));
    expect(await h.sql(`SELECT 1 FROM deleted_memberships WHERE id = $1`, [uuid])).toHaveLength(1);

    const days = (until.getTime() - Date.parse(listed.deletedAt)) / 86_400_000;
    await h.sql(`UPDATE deleted_memberships SET deleted_at = deleted_at - make_interval(days => $2) WHERE id = $1`, [uuid, days + 1]);
    expect((await initech.gql(RESTORE, { input: { id } })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(ids((await initech.ok(RECENT)).recentlyDeleted)).not.toContain(id);
    expect(await purgeDeletedEverywhere(h.services, new Date(until.getTime() + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await h.sql(`SELECT 1 FROM deleted_memberships WHERE id = $1`, [uuid])).toHaveLength(0);
    const [purge] = await h.sql(`SELECT entity_name, actor_type FROM audit_entries WHERE entity_id = $1 AND action = 'membership.purge'`, [uuid]);
    expect(purge).toEqual({ entity_name: 'analyst@initech.test', actor_type: 'system' });
    // The person keeps their account.
    expect(await h.sql(`SELECT is_active FROM users WHERE id = $1`, [stableUuid('user:analyst@initech.test')])).toEqual([{ is_active: true }]);
  });
});
