import 'reflect-metadata';
import { startSteward } from '../app';
import { loadConfig } from '../config';
import { DEMO_PASSWORD, demoApiKeySecret, demoLogins } from '../db/seed/demo-world';

async function main(): Promise<void> {
  const config = loadConfig();
  const steward = await startSteward(config);
  const lines = [
    '',
    `Steward API    ${steward.url}/graphql   (GraphiQL in a browser)`,
    `Health         ${steward.url}/healthz   ${steward.url}/readyz`,
    config.databaseUrl ? 'Database       DATABASE_URL' : 'Database       embedded PostgreSQL, data in .data/postgres',
    '',
    `Demo logins (password: ${DEMO_PASSWORD}):`,
    ...demoLogins().map((l) => `  ${l.email.padEnd(26)} ${l.role}`),
    '',
    `Demo API key (acme, developer): ${demoApiKeySecret('acme', 'Agent runtime')}`,
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    steward.services.log.info({ signal }, 'shutting down: finishing in-flight requests');
    steward.stop().then(() => process.exit(0), (error) => {
      steward.services.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`Steward failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
