import { Harness, startHarness } from '../../../test/harness';
import { stableUuid } from '../../db/seed/deterministic';
import { toGlobalId } from '../../graphql/global-id';

const CHANGE = `mutation($input: MembershipRoleChangeInput!) { membershipRoleChange(input: $input) { membership { id role } userErrors { field message code } } }`;
const REMOVE = `mutation($input: MembershipRemoveInput!) { membershipRemove(input: $input) { removedMembershipId userErrors { field message code } } }`;
const membership = (email: string, tenant = 'acme') => toGlobalId('Membership', stableUuid(`membership:${tenant}:${email}`));

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('members', () => {
  it('are listed, searched and ordered for every member of the tenant', async () => {
    const viewer = await h.signIn('viewer@acme.test');
    const byName = await viewer.gql(`{ members(orderBy: { field: FULL_NAME, direction: ASC }) { totalCount nodes { role user { fullName email } } } }`);
    const names = byName.data.members.nodes.map((m: any) => m.user?.fullName);
    expect(byName.data.members.totalCount).toBe(9);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' })));
    // A viewer sees names but not other people's emails.
    const emails = byName.errors?.filter((e) => e.path?.at(-1) === 'email') ?? [];
    expect(emails.length).toBe(8);
    expect(emails.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    const own = byName.data.members.nodes.find((m: any) => m.user.fullName === 'Vic Viewer');
    expect(own.user.email).toBe('viewer@acme.test');

    const search = await viewer.ok(`{ members(filter: { search: "audit" }) { nodes { role user { fullName } } } }`);
    expect(search.members.nodes).toEqual([{ role: 'AUDITOR', user: { fullName: 'Otto Auditor' } }]);
    const emailSearch = await viewer.ok(`{ members(filter: { search: "compliance@" }) { nodes { role } } }`);
    expect(emailSearch.members.nodes).toEqual([]);
    const admin = await h.signIn('admin@acme.test');
    expect((await admin.ok(`{ members(filter: { search: "compliance@" }) { nodes { role } } }`)).members.nodes).toEqual([{ role: 'COMPLIANCE_OFFICER' }]);
  });

  it('page forwards and backwards with opaque cursors', async () => {
    const admin = await h.signIn('admin@acme.test');
    const all = (await admin.ok(`{ members { nodes { id } } }`)).members.nodes.map((n: any) => n.id);
    const first = await admin.ok(`{ members(first: 3) { pageInfo { hasNextPage hasPreviousPage endCursor } nodes { id } } }`);
    expect(first.members.nodes.map((n: any) => n.id)).toEqual(all.slice(0, 3));
    expect(first.members.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const next = await admin.ok(`query($after: String) { members(first: 3, after: $after) { pageInfo { startCursor } nodes { id } } }`, {
      after: first.members.pageInfo.endCursor,
    });
    expect(next.members.nodes.map((n: any) => n.id)).toEqual(all.slice(3, 6));
    const back = await admin.ok(`query($before: String) { members(last: 3, before: $before) { pageInfo { hasPreviousPage } nodes { id } } }`, {
      before: next.members.pageInfo.startCursor,
    });
    expect(back.members.nodes.map((n: any) => n.id)).toEqual(all.slice(0, 3));
  });

  it('change role only by a tenant admin, audited with before and after', async () => {
    const dev = await h.signIn('dev@acme.test');
    const denied = await dev.gql(CHANGE, { input: { membershipId: membership('viewer@acme.test'), role: 'ADMIN' } });
    expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const admin = await h.signIn('admin@acme.test');
    const changed = await admin.ok(CHANGE, { input: { membershipId: membership('viewer@acme.test'), role: 'ANALYST' } });
    expect(changed.membershipRoleChange.membership.role).toBe('ANALYST');
    const [entry] = await h.sql(`SELECT before, after FROM audit_entries WHERE action = 'membership.roleChange' AND outcome = 'success'`);
    expect(entry).toEqual({ before: { role: 'viewer' }, after: { role: 'analyst' } });
    // The change applies to the member's very next request.
    const member = await h.signIn('viewer@acme.test');
    expect((await member.ok(`{ viewer { role } }`)).viewer.role).toBe('ANALYST');
  });

  it('keep at least one admin in a tenant', async () => {
    const admin = await h.signIn('admin@initech.test');
    const demote = await admin.ok(CHANGE, { input: { membershipId: membership('admin@initech.test', 'initech'), role: 'VIEWER' } });
    expect(demote.membershipRoleChange).toEqual({
      membership: null,
      userErrors: [{ field: ['input', 'membershipId'], message: 'A tenant must keep at least one admin', code: 'CONFLICT' }],
    });
    const remove = await admin.ok(REMOVE, { input: { membershipId: membership('admin@initech.test', 'initech') } });
    expect(remove.membershipRemove.userErrors[0].code).toBe('CONFLICT');
    const [row] = await h.sql(`SELECT role FROM memberships WHERE id = $1`, [stableUuid('membership:initech:admin@initech.test')]);
    expect(row.role).toBe('admin');
  });

  it('are removed by an admin, after which the user can no longer act in the tenant', async () => {
    const analyst = await h.signIn('analyst@initech.test');
    const admin = await h.signIn('admin@initech.test');
    const removed = await admin.ok(REMOVE, { input: { membershipId: membership('analyst@initech.test', 'initech') } });
    expect(removed.membershipRemove.removedMembershipId).toBe(membership('analyst@initech.test', 'initech'));
    const after = await analyst.gql(`{ viewer { role } members { nodes { id } } }`);
    expect(after.data.viewer.role).toBeNull();
    expect(after.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});
