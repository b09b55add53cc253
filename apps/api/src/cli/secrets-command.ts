import { addKeyToFile } from '../auth/keyring';
import { describeRotation, rotateDataKeys, rotateSecrets } from '../auth/secrets-rotation';
import { Config, developmentKeyFile, ENCRYPTION_KEY_LENGTH, loadConfig } from '../config';
import { openDatabase } from '../db/data-source';

/** DATABASE_URL, or the embedded PostgreSQL when there is none (db/database.ts). */
export type DatabaseResolver = (config: Pick<Config, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>) => Promise<{ url: string; stop(): Promise<void> }>;

const USAGE = 'usage: secrets rotate [--data] [--new-key] [--batch-size N]';

/**
 * `secrets rotate`: re-encrypts every value encrypted at rest with the current key (the first of
 * STEWARD_ENCRYPTION_KEYS). `--new-key` first adds a new current key, for development keys kept in the
 * data directory; in production, put the new key first in STEWARD_ENCRYPTION_KEYS on every server instead.
 * `--data` does the same for personal data (HR records' personal fields) and its own keys, STEWARD_DATA_KEYS.
 */
export async function runSecretsCommand(
  args: string[],
  env: NodeJS.ProcessEnv,
  print: (line: string) => void,
  resolveDatabase: DatabaseResolver,
): Promise<void> {
  const [command, ...options] = args;
  if (command !== 'rotate') throw new Error(USAGE);
  let newKey = false;
  let data = false;
  let batchSize = 500;
  for (let i = 0; i < options.length; i += 1) {
    if (options[i] === '--new-key') newKey = true;
    else if (options[i] === '--data') data = true;
    else if (options[i] === '--batch-size' && /^[1-9]\d*$/.test(options[i + 1] ?? '')) batchSize = Number(options[(i += 1)]);
    else throw new Error(`unknown option ${options[i]} (${USAGE})`);
  }
  if (newKey) {
    const variable = data ? 'STEWARD_DATA_KEYS' : 'STEWARD_ENCRYPTION_KEYS';
    if (env[variable] || env.NODE_ENV === 'production') {
      throw new Error(
        `--new-key adds to the development key file only: with ${variable}, put the new key first in it ` +
          '(keeping the others until the rotation is done), restart Steward everywhere, then run secrets:rotate',
      );
    }
    const file = developmentKeyFile(env, data ? 'data-keys' : 'encryption-keys');
    print(`added key "${addKeyToFile(file, ENCRYPTION_KEY_LENGTH).kid}" to ${file}`);
  }
  const config = loadConfig(env);
  const keys = data ? config.dataKeys : config.encryptionKeys;
  print(`re-encrypting with key "${keys.keyring.current.kid}" (known: ${keys.keyring.kids.join(', ')})`);
  const database = await resolveDatabase(config);
  const dataSource = await openDatabase(database.url, 2);
  try {
    const report = await (data ? rotateDataKeys : rotateSecrets)(dataSource, keys, batchSize);
    for (const line of describeRotation(report, keys)) print(line);
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}
