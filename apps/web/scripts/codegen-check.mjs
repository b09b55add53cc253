// Fails when src/gql/ is not what the code generator makes from today's schema and operations:
// regenerate with `pnpm --filter @steward/web codegen` and commit the result.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const committed = join(web, 'src/gql');
const fresh = mkdtempSync(join(tmpdir(), 'steward-codegen-'));

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

try {
  const run = spawnSync('pnpm', ['exec', 'graphql-codegen', '--config', 'codegen.ts', '--silent'], {
    cwd: web,
    env: { ...process.env, STEWARD_CODEGEN_OUT: `${fresh}/` },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (run.status !== 0) {
    console.error('codegen:check: the code generator failed (an operation may no longer fit the schema; see above)');
    process.exit(1);
  }
  const want = new Map(files(fresh).map((f) => [relative(fresh, f), readFileSync(f, 'utf8')]));
  const have = new Map(files(committed).map((f) => [relative(committed, f), readFileSync(f, 'utf8')]));
  const stale = [...new Set([...want.keys(), ...have.keys()])].filter((name) => want.get(name) !== have.get(name)).sort();
  if (stale.length) {
    console.error(`codegen:check: src/gql/ is stale against the schema or the operations: ${stale.join(', ')}`);
    console.error('Run `pnpm --filter @steward/web codegen` and commit src/gql/.');
    process.exit(1);
  }
  console.log(`codegen:check: src/gql/ is up to date (${want.size} files)`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
}
