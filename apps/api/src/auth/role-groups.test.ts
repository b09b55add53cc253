import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_GROUPS } from './role-groups';
import { ROLES } from './roles';

const MODULES = join(__dirname, '..', 'modules');

function moduleSources(): { file: string; text: string }[] {
  return readdirSync(MODULES, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((file) => ({ file, text: readFileSync(join(MODULES, file), 'utf8') }));
}

describe('role groups', () => {
  it('are declared once, in auth/role-groups.ts: no module grants to a list of roles of its own', () => {
    const own = moduleSources()
      .filter(({ text }) => /\bhasRole\(|\[\s*Role\.\w+\s*,/.test(text))
      .map(({ file }) => file);
    expect(own).toEqual([]);
  });

  it('name tenant roles only, each group different', () => {
    const groups = Object.values(ROLE_GROUPS).map((roles) => [...roles].sort().join(','));
    expect(new Set(groups).size).toBe(groups.length);
    for (const roles of Object.values(ROLE_GROUPS)) for (const role of roles) expect(ROLES).toContain(role);
  });
});
