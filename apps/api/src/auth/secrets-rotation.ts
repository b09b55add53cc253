import type { DataSource } from 'typeorm';
import { resealChannelSecrets, ResealCount } from '../modules/agent-channels';
import { resealHrRecords } from '../modules/hr-records';
import { resealMfaSecrets } from '../modules/mfa';
import { resealSsoSecrets } from '../modules/sso';
import { resealWebhookSecrets } from '../modules/webhooks';
import type { EncryptionKeys } from './encryption';

export interface RotationReport {
  kid: string;
  stores: { name: string; count: ResealCount }[];
}

/**
 * Re-encrypts every value encrypted at rest with the current key, in one transaction: either every
 * value is sealed with the current key afterwards, or nothing changed.
 */
export function rotateSecrets(dataSource: DataSource, keys: EncryptionKeys, batchSize = 500): Promise<RotationReport> {
  return dataSource.transaction(async (manager) => ({
    kid: keys.keyring.current.kid,
    stores: [
      { name: 'agent channel secrets', count: await resealChannelSecrets(manager, keys, batchSize) },
      { name: 'webhook signing secrets', count: await resealWebhookSecrets(manager, keys, batchSize) },
      { name: 'SSO client secrets', count: await resealSsoSecrets(manager, keys, batchSize) },
      { name: 'TOTP secrets', count: await resealMfaSecrets(manager, keys, batchSize) },
    ],
  }));
}

/** Re-encrypts every personal field encrypted at rest (STEWARD_DATA_KEYS) with the current data key, in one transaction. */
export function rotateDataKeys(dataSource: DataSource, keys: EncryptionKeys, batchSize = 500): Promise<RotationReport> {
  return dataSource.transaction(async (manager) => ({
    kid: keys.keyring.current.kid,
    stores: [{ name: 'HR records personal fields', count: await resealHrRecords(manager, keys, batchSize) }],
  }));
}

export function describeRotation(report: RotationReport, keys: EncryptionKeys): string[] {
  const lines = report.stores.map(({ name, count }) => {
    const from = Object.entries(count.from)
      .map(([kid, n]) => `${n} from ${kid}`)
      .join(', ');
    return `${name}: ${count.values} values in ${count.rows} rows; re-encrypted ${count.reencrypted}${from ? ` (${from})` : ''}; already under "${report.kid}": ${count.alreadyCurrent}`;
  });
  const others = keys.keyring.kids.filter((kid) => kid !== report.kid);
  lines.push(
    `every value is now sealed with "${report.kid}"` +
      (others.length ? `; no value needs ${others.map((k) => `"${k}"`).join(', ')} any more` : '') +
      (keys.legacySecret ? '; none needs JWT_SECRET any more' : ''),
  );
  return lines;
}
