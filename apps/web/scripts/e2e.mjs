// Browser tests from a clean state: build the web app, build the API when its build is missing or
// older than its sources, then run e2e/ with jest. The API process is started and stopped by the tests.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('..', import.meta.url));
const api = join(web, '../api');
const apiEntry = join(api, 'dist/cli/start.js');

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

const chromium = process.env.STEWARD_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  console.error(`e2e: no chromium at ${chromium}. Install Debian's (apt-get install -y chromium) or set STEWARD_CHROMIUM.`);
  process.exit(1);
}

run('pnpm', ['exec', 'vite', 'build', '--logLevel', 'warn'], web);
const apiSources = ['src', 'graphiql-client', 'scripts'].map((d) => join(api, d)).filter(existsSync);
const apiStale = !existsSync(apiEntry) || Math.max(...apiSources.map(newest), statSync(join(api, 'package.json')).mtimeMs) > statSync(apiEntry).mtimeMs;
if (apiStale) {
  console.log('e2e: building the API (its build is missing or older than its sources)');
  run('pnpm', ['--filter', '@steward/api', 'build'], web);
}
const args = process.argv.slice(2);
// One named test file needs one worker, and so one API (global-setup.ts starts one per worker).
const oneFile = args.filter((arg) => arg.endsWith('.e2e.ts')).length === 1 && !args.some((arg) => arg.startsWith('--maxWorkers'));
run('pnpm', ['exec', 'jest', '--config', 'e2e/jest.config.cjs', ...(oneFile ? ['--maxWorkers=1'] : []), ...args], web);
