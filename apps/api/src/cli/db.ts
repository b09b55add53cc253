import 'reflect-metadata';
import { loadConfig } from '../config';
import { dropEverything, migrate, openDatabase } from '../db/data-source';
import { resolveDatabase } from '../db/database';
import { seedDemoWorld } from '../db/seed/demo-world';
import { entities } from '../modules';
import { reasonOf, StartupError } from '../startup-error';

const commands = ['migrate', 'seed', 'reset'] as const;

async function main(): Promise<void> {
  const command = process.argv[2] as (typeof commands)[number];
  if (!commands.includes(command)) throw new Error(`usage: db <${commands.join('|')}>`);
  const config = loadConfig();
  const database = await resolveDatabase(config);
  // The seed goes through the services, which read and write entities.
  const dataSource = await openDatabase(database.url, 2, entities);
  try {
    if (command === 'reset') await dropEverything(dataSource);
    const applied = await migrate(dataSource);
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'migrations: up to date\n');
    if (command !== 'migrate') {
      await seedDemoWorld(dataSource, config.encryptionKeys, config.dataKeys);
      process.stdout.write('demo world seeded\n');
    }
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${reasonOf(error)}\n${error instanceof StartupError && error.hint ? `  ${error.hint}\n` : ''}`);
  process.exit(1);
});
