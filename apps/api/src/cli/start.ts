import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { startSteward } from '../app';
import { Config, loadConfig, repoRoot } from '../config';
import { DEMO_PASSWORD, demoApiKeySecret, demoLogins } from '../db/seed/demo-world';
import { describeStartupFailure } from '../startup-error';

function shown(path: string): string {
  const inRepo = relative(repoRoot, path);
  return inRepo && !inRepo.startsWith('..') && !isAbsolute(inRepo) ? inRepo : path;
}

function banner(url: string, config: Config): string {
  const webBuilt = existsSync(join(repoRoot, 'apps/web/dist/index.html'));
  return [
    '',
    webBuilt ? `Web app        ${url}/` : 'Web app        not built (run: npx -y pnpm@10 --filter @steward/web build)',
    `GraphiQL       ${url}/graphql`,
    `Health         ${url}/healthz   ${url}/readyz`,
    config.databaseUrl ? 'Database       DATABASE_URL' : `Database       embedded PostgreSQL, data in ${shown(join(config.dataDir, 'postgres'))}`,
    '',
    `Demo logins (password: ${DEMO_PASSWORD}):`,
    ...demoLogins().map((l) => `  ${l.email.padEnd(26)} ${l.role}`),
    '',
    `Demo API key (acme, developer): ${demoApiKeySecret('acme', 'Agent runtime')}`,
    '',
    'Ctrl-C stops Steward: requests in flight finish, then the job queue, then PostgreSQL.',
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  const steward = await startSteward(config);
  process.stdout.write(`${banner(steward.url, config)}\n`);
  let stopping = false;
  // A terminal's Ctrl-C reaches pnpm and every process of the group, once; repeats are ignored while stopping.
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    steward.stop().then(
      () => {
        process.stdout.write('Steward stopped.\n');
        process.exit(0);
      },
      (error) => {
        steward.services.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, shutdown);
}

main().catch((error) => {
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  process.exit(1);
});
