// The API's build: the GraphiQL bundle, then TypeScript in build mode. Each does nothing when its output is
// newer than its inputs, so a start with nothing changed costs two quick checks.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const api = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
for (const args of [[join(api, 'scripts/build-graphiql.mjs')], [tsc, '-b', join(api, 'tsconfig.build.json')]]) {
  const { status } = spawnSync(process.execPath, args, { cwd: api, stdio: 'inherit' });
  if (status !== 0) process.exit(status ?? 1);
}
