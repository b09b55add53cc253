import type { EntityManager } from 'typeorm';
import { EncryptionKeys, SealedValueError } from '../../auth/encryption';
import type { ResealCount } from '../agent-channels';
import { secretContext } from './mfa.service';

/** Re-encrypts every TOTP secret (enabled and pending) not sealed with the current key, in the caller's transaction (secrets:rotate). */
export async function resealMfaSecrets(manager: EntityManager, keys: EncryptionKeys, batchSize: number): Promise<ResealCount> {
  const count: ResealCount = { rows: 0, values: 0, reencrypted: 0, alreadyCurrent: 0, from: {} };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: { user_id: string; totp_secret_sealed: string | null; pending_secret_sealed: string | null }[] = await manager.query(
      `SELECT user_id, totp_secret_sealed, pending_secret_sealed FROM user_mfa WHERE user_id > $1 ORDER BY user_id LIMIT $2 FOR UPDATE`,
      [after, batchSize],
    );
    if (!rows.length) return count;
    for (const row of rows) {
      count.rows += 1;
      const resealed: (string | null)[] = [];
      for (const sealed of [row.totp_secret_sealed, row.pending_secret_sealed]) {
        if (sealed === null) {
          resealed.push(null);
          continue;
        }
        count.values += 1;
        if (keys.isCurrent(sealed)) {
          count.alreadyCurrent += 1;
          resealed.push(sealed);
          continue;
        }
        let secret: string;
        try {
          secret = keys.open(secretContext(row.user_id), sealed);
        } catch (error) {
          throw new SealedValueError(`TOTP secret of user ${row.user_id}: ${(error as Error).message}`);
        }
        const label = EncryptionKeys.keyIdOf(sealed) ?? 'unknown format';
        count.from[label] = (count.from[label] ?? 0) + 1;
        count.reencrypted += 1;
        resealed.push(keys.seal(secretContext(row.user_id), secret));
      }
      await manager.query(`UPDATE user_mfa SET totp_secret_sealed = $2, pending_secret_sealed = $3 WHERE user_id = $1`, [row.user_id, ...resealed]);
    }
    after = rows[rows.length - 1].user_id;
  }
}
