import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * The key that seals channel secrets, derived from the server secret with HKDF: the same bytes never
 * both sign tokens and encrypt, and this key, were it to leak, signs nothing.
 */
export function channelSecretsKey(serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'steward', 'steward/agent-channel-secrets/v1', 32));
}

/** Binds a sealed value to its channel and key name, so an envelope copied elsewhere does not open. */
function context(channelId: string, name: string): Buffer {
  return Buffer.from(`agent-channel:${channelId}:${name}`, 'utf8');
}

/** AES-256-GCM: `v1.` + base64url(iv ‖ tag ‖ ciphertext). */
export function sealSecret(key: Buffer, channelId: string, name: string, value: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(context(channelId, name));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
}

/** The runtime's way back to a secret; the API never calls it. */
export function openSecret(key: Buffer, channelId: string, name: string, envelope: string): string {
  const [version, body] = envelope.split('.');
  if (version !== VERSION || !body) throw new Error('Unknown channel secret envelope');
  const raw = Buffer.from(body, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(context(channelId, name));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
