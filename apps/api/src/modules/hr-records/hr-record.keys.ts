import type { EntityManager } from 'typeorm';
import { EncryptionKeys, SealedValueError } from '../../auth/encryption';
import type { ResealCount } from '../agent-channels';
import { PersonalField, sealContext } from './hr-record.personal';

const COLUMNS: [PersonalField, string][] = [
  ['subjectName', 'subject_name_sealed'],
  ['subjectEmail', 'subject_email_sealed'],
  ['data', 'data_sealed'],
];

/**
 * Re-encrypts every HR personal field not sealed with the current data key, batch by batch (keyset on id,
 * rows locked), in the caller's transaction.
 */
export async function resealHrRecords(manager: EntityManager, keys: EncryptionKeys, batchSize: number): Promise<ResealCount> {
  const count: ResealCount = { rows: 0, values: 0, reencrypted: 0, alreadyCurrent: 0, from: {} };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Record<string, string>[] = await manager.query(
      `SELECT id, ${COLUMNS.map(([, c]) => c).join(', ')} FROM hr_records WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE`,
      [after, batchSize],
    );
    if (!rows.length) return count;
    for (const row of rows) {
      count.rows += 1;
      const next: string[] = [];
      let changed = false;
      for (const [field, column] of COLUMNS) {
        count.values += 1;
        const sealed = row[column];
        if (keys.isCurrent(sealed)) {
          count.alreadyCurrent += 1;
          next.push(sealed);
          continue;
        }
        let plain: string;
        try {
          plain = keys.open(sealContext(row.id, field), sealed);
        } catch (error) {
          throw new SealedValueError(`HR record ${row.id}, ${field}: ${(error as Error).message}`);
        }
        next.push(keys.seal(sealContext(row.id, field), plain));
        const label = EncryptionKeys.keyIdOf(sealed) ?? 'unknown format';
        count.from[label] = (count.from[label] ?? 0) + 1;
        count.reencrypted += 1;
        changed = true;
      }
      if (changed)
        await manager.query(`UPDATE hr_records SET subject_name_sealed = $2, subject_email_sealed = $3, data_sealed = $4 WHERE id = $1`, [row.id, ...next]);
    }
    after = rows[rows.length - 1].id;
  }
}
