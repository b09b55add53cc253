import { createDecipheriv, hkdfSync } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { EncryptionKeys, SealedValueError } from '../../auth/encryption';

const V1 = 'v1';
const V1_IV_BYTES = 12;
const V1_TAG_BYTES = 16;

/** Binds a sealed value to its channel and key name, so an envelope copied elsewhere does not open. */
function context(channelId: string, name: string): string {
  return `agent-channel:${channelId}:${name}`;
}

export function sealSecret(keys: EncryptionKeys, channelId: string, name: string, value: string): string {
  return keys.seal(context(channelId, name), value);
}

/** The runtime's way back to a secret, and the rotation's; the API never calls it. */
export function openSecret(keys: EncryptionKeys, channelId: string, name: string, envelope: string): string {
  if (envelope.startsWith(`${V1}.`)) return openV1(keys, channelId, name, envelope);
  return keys.open(context(channelId, name), envelope);
}

/**
 * Format v1, from before keys had ids: `v1.` + base64url(iv ‖ tag ‖ ciphertext) under a key derived
 * from JWT_SECRET with HKDF. Read only, until `secrets:rotate` re-encrypts it.
 */
function openV1(keys: EncryptionKeys, channelId: string, name: string, envelope: string): string {
  if (!keys.legacySecret) throw new SealedValueError('sealed in format v1, which needs the JWT_SECRET it was sealed under');
  const key = Buffer.from(hkdfSync('sha256', keys.legacySecret, 'steward', 'steward/agent-channel-secrets/v1', 32));
  const raw = Buffer.from(envelope.slice(V1.length + 1), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, V1_IV_BYTES), { authTagLength: V1_TAG_BYTES });
    decipher.setAAD(Buffer.from(context(channelId, name), 'utf8'));
    decipher.setAuthTag(raw.subarray(V1_IV_BYTES, V1_IV_BYTES + V1_TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(V1_IV_BYTES + V1_TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedValueError('sealed in format v1 and does not open with JWT_SECRET: it is not the secret it was sealed under');
  }
}

/** The key a stored secret was sealed with, as the rotation reports it. */
export function keyLabelOf(envelope: string): string {
  if (envelope.startsWith(`${V1}.`)) return 'v1 (JWT_SECRET)';
  return EncryptionKeys.keyIdOf(envelope) ?? 'unknown format';
}

export interface ResealCount {
  rows: number;
  values: number;
  reencrypted: number;
  alreadyCurrent: number;
  /** Re-encrypted values by the key that had sealed them. */
  from: Record<string, number>;
}

/**
 * Re-encrypts every channel secret not sealed with the current key, batch by batch (keyset on id,
 * rows locked), inside the caller's transaction: one value that does not open aborts it all.
 */
export async function resealChannelSecrets(manager: EntityManager, keys: EncryptionKeys, batchSize: number): Promise<ResealCount> {
  const count: ResealCount = { rows: 0, values: 0, reencrypted: 0, alreadyCurrent: 0, from: {} };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: { id: string; secrets: Record<string, string> }[] = await manager.query(
      `SELECT id, secrets FROM agent_channels WHERE id > $1 AND secrets <> '{}'::jsonb ORDER BY id LIMIT $2 FOR UPDATE`,
      [after, batchSize],
    );
    if (!rows.length) return count;
    const changed: { id: string; secrets: Record<string, string> }[] = [];
    for (const row of rows) {
      count.rows += 1;
      const next: Record<string, string> = {};
      let rowChanged = false;
      for (const [name, envelope] of Object.entries(row.secrets)) {
        count.values += 1;
        if (keys.isCurrent(envelope)) {
          count.alreadyCurrent += 1;
          next[name] = envelope;
          continue;
        }
        let plaintext: string;
        try {
          plaintext = openSecret(keys, row.id, name, envelope);
        } catch (error) {
          throw new SealedValueError(`agent channel ${row.id}, secret "${name}": ${(error as Error).message}`);
        }
        next[name] = sealSecret(keys, row.id, name, plaintext);
        const label = keyLabelOf(envelope);
        count.from[label] = (count.from[label] ?? 0) + 1;
        count.reencrypted += 1;
        rowChanged = true;
      }
      if (rowChanged) changed.push({ id: row.id, secrets: next });
    }
    if (changed.length) {
      await manager.query(
        `UPDATE agent_channels AS c SET secrets = v.secrets
         FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, secrets jsonb) WHERE c.id = v.id`,
        [JSON.stringify(changed)],
      );
    }
    after = rows[rows.length - 1].id;
  }
}
