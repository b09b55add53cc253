import 'reflect-metadata';
import { resolveDatabase } from '../db/database';
import { runSecretsCommand } from './secrets-command';

runSecretsCommand(process.argv.slice(2), process.env, (line) => process.stdout.write(`${line}\n`), resolveDatabase).catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
