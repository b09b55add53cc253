import type { EntityManager } from 'typeorm';
import { EncryptionKeys, SealedValueError } from '../../auth/encryption';
import type { ResealCount } from '../agent-channels';
import { secretContext } from './sso.service';

/** Re-encrypts every SSO client secret not sealed with the current key, in the caller's transaction (secrets:rotate). */
export async function resealSsoSecrets(manager: EntityManager, keys: EncryptionKeys, batchSize: number): Promise<ResealCount> {
  const count: ResealCount = { rows: 0, values: 0, reencrypted: 0, alreadyCurrent: 0, from: {} };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: { id: string; client_secret_sealed: string }[] = await manager.query(
      `SELECT id, client_secret_sealed FROM sso_connections WHERE id > $1 AND client_secret_sealed IS NOT NULL ORDER BY id LIMIT $2 FOR UPDATE`,
      [after, batchSize],
    );
    if (!rows.length) return count;
    for (const row of rows) {
      count.rows += 1;
      count.values += 1;
      if (keys.isCurrent(row.client_secret_sealed)) {
        count.alreadyCurrent += 1;
        continue;
      }
      let secret: string;
      try {
        secret = keys.open(secretContext(row.id), row.client_secret_sealed);
      } catch (error) {
        throw new SealedValueError(`SSO connection ${row.id}: ${(error as Error).message}`);
      }
      await manager.query(`UPDATE sso_connections SET client_secret_sealed = $2 WHERE id = $1`, [row.id, keys.seal(secretContext(row.id), secret)]);
      const label = EncryptionKeys.keyIdOf(row.client_secret_sealed) ?? 'unknown format';
      count.from[label] = (count.from[label] ?? 0) + 1;
      count.reencrypted += 1;
    }
    after = rows[rows.length - 1].id;
  }
}
