import type { EntityManager } from 'typeorm';
import { EncryptionKeys, SealedValueError } from '../../auth/encryption';
import type { ResealCount } from '../agent-channels';
import { indexIsCurrent, subjectIndex } from './hr-record.index';
import { PersonalField, sealContext } from './hr-record.personal';

const COLUMNS: [PersonalField, string][] = [
  ['subjectName', 'subject_name_sealed'],
  ['subjectEmail', 'subject_email_sealed'],
  ['data', 'data_sealed'],
];

interface Row {
  id: string;
  tenant_id: string;
  subject_email_index?: string | null;
  subject_name_index?: string[] | null;
  [column: string]: unknown;
}

function open(keys: EncryptionKeys, row: Row, field: PersonalField, column: string): string {
  try {
    return keys.open(sealContext(row.id, field), row[column] as string);
  } catch (error) {
    throw new SealedValueError(`HR record ${row.id}, ${field}: ${(error as Error).message}`);
  }
}

/**
 * Re-encrypts every HR personal field not sealed with the current data key, and re-indexes every subject whose blind
 * index is missing or derived from another key, batch by batch (keyset on id, rows locked), in the caller's transaction.
 */
export async function resealHrRecords(manager: EntityManager, keys: EncryptionKeys, batchSize: number): Promise<ResealCount> {
  const count: ResealCount = { rows: 0, values: 0, reencrypted: 0, alreadyCurrent: 0, from: {} };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Row[] = await manager.query(
      `SELECT id, tenant_id, ${COLUMNS.map(([, c]) => c).join(', ')}, subject_email_index, subject_name_index
         FROM hr_records WHERE id > $1 ORDER BY id LIMIT $2 FOR UPDATE`,
      [after, batchSize],
    );
    if (!rows.length) return count;
    for (const row of rows) {
      count.rows += 1;
      const next: string[] = [];
      let changed = false;
      for (const [field, column] of COLUMNS) {
        count.values += 1;
        const sealed = row[column] as string;
        if (keys.isCurrent(sealed)) {
          count.alreadyCurrent += 1;
          next.push(sealed);
          continue;
        }
        next.push(keys.seal(sealContext(row.id, field), open(keys, row, field, column)));
        const label = EncryptionKeys.keyIdOf(sealed) ?? 'unknown format';
        count.from[label] = (count.from[label] ?? 0) + 1;
        count.reencrypted += 1;
        changed = true;
      }
      const reindex = !indexIsCurrent(keys, row.subject_email_index) || !indexIsCurrent(keys, row.subject_name_index);
      const index = reindex
        ? subjectIndex(keys, row.tenant_id, {
            subjectName: open(keys, row, 'subjectName', 'subject_name_sealed'),
            subjectEmail: open(keys, row, 'subjectEmail', 'subject_email_sealed'),
          })
        : { email: row.subject_email_index!, name: row.subject_name_index! };
      if (changed || reindex)
        await manager.query(
          `UPDATE hr_records SET subject_name_sealed = $2, subject_email_sealed = $3, data_sealed = $4, subject_email_index = $5, subject_name_index = $6
           WHERE id = $1`,
          [row.id, ...next, index.email, index.name],
        );
    }
    after = rows[rows.length - 1].id;
  }
}

/**
 * Indexes the subjects of HR records that have no blind index yet (rows from before migration 17697400000000), all
 * tenants, batch by batch; run by the API at startup, before it serves. A row whose fields do not open with the data
 * keys is left unindexed (counted in `unreadable`): lookups keep opening it, as they did every row before the index.
 */
export async function indexHrRecordSubjects(manager: EntityManager, keys: EncryptionKeys, batchSize = 500): Promise<{ indexed: number; unreadable: number }> {
  const done = { indexed: 0, unreadable: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Row[] = await manager.query(
      `SELECT id, tenant_id, subject_name_sealed, subject_email_sealed FROM hr_records
        WHERE id > $1 AND (subject_email_index IS NULL OR subject_name_index IS NULL) ORDER BY id LIMIT $2`,
      [after, batchSize],
    );
    if (!rows.length) return done;
    const indexed: { id: string; email: string; name: string[] }[] = [];
    for (const row of rows) {
      let index;
      try {
        index = subjectIndex(keys, row.tenant_id, {
          subjectName: open(keys, row, 'subjectName', 'subject_name_sealed'),
          subjectEmail: open(keys, row, 'subjectEmail', 'subject_email_sealed'),
        });
      } catch (error) {
        if (!(error instanceof SealedValueError)) throw error;
        done.unreadable += 1;
        continue;
      }
      indexed.push({ id: row.id, ...index });
    }
    // Only rows still unindexed: a request that wrote the row meanwhile wrote its index too.
    if (indexed.length)
      await manager.query(
        `UPDATE hr_records r SET subject_email_index = v.email, subject_name_index = v.name
           FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, email text, name text[])
          WHERE r.id = v.id AND (r.subject_email_index IS NULL OR r.subject_name_index IS NULL)`,
        [JSON.stringify(indexed)],
      );
    done.indexed += indexed.length;
    after = rows[rows.length - 1].id;
  }
}
