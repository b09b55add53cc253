import type { EntityManager } from 'typeorm';
import { EncryptionKeys, SealedValueError } from '../../auth/encryption';
import type { ResealCount } from '../agent-channels';
import { sealContext } from './webhook.service';

/** Re-encrypts every endpoint's signing secret not sealed with the current key, in the caller's transaction (secrets:rotate). */
export async function resealWebhookSecrets(manager: EntityManager, keys: EncryptionKeys, batchSize: number): Promise<ResealCount> {
  const count: ResealCount = { rows: 0, values: 0, reencrypted: 0, alreadyCurrent: 0, from: {} };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: { id: string; secret_sealed: string }[] = await manager.query(
      `SELECT id, secret_sealed FROM webhook_endpoints WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE`,
      [after, batchSize],
    );
    if (!rows.length) return count;
    for (const row of rows) {
      count.rows += 1;
      count.values += 1;
      if (keys.isCurrent(row.secret_sealed)) {
        count.alreadyCurrent += 1;
        continue;
      }
      let secret: string;
      try {
        secret = keys.open(sealContext(row.id), row.secret_sealed);
      } catch (error) {
        throw new SealedValueError(`webhook endpoint ${row.id}: ${(error as Error).message}`);
      }
      await manager.query(`UPDATE webhook_endpoints SET secret_sealed = $2 WHERE id = $1`, [row.id, keys.seal(sealContext(row.id), secret)]);
      const label = EncryptionKeys.keyIdOf(row.secret_sealed) ?? 'unknown format';
      count.from[label] = (count.from[label] ?? 0) + 1;
      count.reencrypted += 1;
    }
    after = rows[rows.length - 1].id;
  }
}
