import { Secret, TOTP } from 'otpauth';
import { Caller, Harness, startHarness } from '../../../test/harness';

const MEMBERS = `query($first: Int) { members(first: $first, orderBy: { field: FULL_NAME, direction: ASC }) { nodes { mfaEnabled user { email } } } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

async function enrol(caller: Caller): Promise<void> {
  const { secret } = (await caller.ok(`mutation { totpEnrolmentStart(input: {}) { secret } }`)).totpEnrolmentStart;
  const code = new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: Date.now() - 30_000 });
  const done = await caller.ok(`mutation($input: TotpEnrolmentConfirmInput!) { totpEnrolmentConfirm(input: $input) { userErrors { message } } }`, {
    input: { code },
  });
  expect(done.totpEnrolmentConfirm.userErrors).toEqual([]);
}

describe("members' two-factor state", () => {
  it('tells member managers who has a second factor on, in one statement for the whole page', async () => {
    await enrol(await h.signIn('analyst@acme.test'));
    await enrol(await h.signIn('consultant@steward.test', 'acme'));
    const admin = await h.signIn('admin@acme.test');
    const all = await admin.gql(MEMBERS, { first: 50 });
    expect(all.errors).toBeUndefined();
    const on = all.data.members.nodes.filter((m: { mfaEnabled: boolean }) => m.mfaEnabled).map((m: { user: { email: string } }) => m.user.email);
    expect(on.sort()).toEqual(['analyst@acme.test', 'consultant@steward.test']);
    expect(all.data.members.nodes.every((m: { mfaEnabled: unknown }) => typeof m.mfaEnabled === 'boolean')).toBe(true);

    // Turned off, it says so at once.
    await h.sql(`UPDATE user_mfa SET totp_secret_sealed = NULL, enabled_at = NULL WHERE user_id = (SELECT id FROM users WHERE email = 'analyst@acme.test')`);
    const after = (await admin.ok(MEMBERS, { first: 50 })).members.nodes;
    expect(after.find((m: { user: { email: string } }) => m.user.email === 'analyst@acme.test').mfaEnabled).toBe(false);

    const statements: number[] = [];
    for (const first of [2, 9]) {
      const response = await admin.gql(MEMBERS, { first });
      expect(response.data.members.nodes).toHaveLength(first);
      statements.push(response.extensions?.sql.statements);
    }
    expect(statements[1]).toBe(statements[0]);
  });

  it('is not for those who cannot reset it: a developer or viewer is refused the field, not told', async () => {
    for (const email of ['dev@acme.test', 'viewer@acme.test']) {
      const caller = await h.signIn(email);
      const response = await caller.gql(MEMBERS, { first: 50 });
      const nodes = response.data.members.nodes;
      expect(nodes.length).toBeGreaterThan(1);
      expect(nodes.every((m: { mfaEnabled: unknown }) => m.mfaEnabled === null)).toBe(true);
      const refusals = response.errors?.filter((e) => e.path?.at(-1) === 'mfaEnabled') ?? [];
      expect(refusals).toHaveLength(nodes.length);
      expect(refusals.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
    }
  });
});
