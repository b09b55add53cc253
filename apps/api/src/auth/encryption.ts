import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Keyring } from './keyring';

const VERSION = 'v2';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class SealedValueError extends Error {}

/**
 * Values encrypted at rest with AES-256-GCM under the keys of STEWARD_ENCRYPTION_KEYS (a key of
 * their own, used for nothing else). Each value names the key that sealed it:
 * `v2:<kid>:<iv>:<tag>:<ciphertext>`, base64url. The context (what the value belongs to) is
 * authenticated, so a value copied to another place does not open there.
 */
export class EncryptionKeys {
  /**
   * @param legacySecret JWT_SECRET as it was when values were sealed with a key derived from it
   * (format v1); kept only to open those until `secrets:rotate` has re-encrypted them.
   */
  constructor(
    readonly keyring: Keyring,
    readonly legacySecret?: string,
  ) {}

  seal(context: string, plaintext: string): string {
    const { kid, bytes } = this.keyring.current;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', bytes, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, kid, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join(':');
  }

  open(context: string, envelope: string): string {
    const parts = envelope.split(':');
    if (parts.length !== 5 || parts[0] !== VERSION) throw new SealedValueError('not a v2 sealed value');
    const [, kid, iv, tag, ciphertext] = parts;
    const key = this.keyring.find(kid);
    if (!key) throw new SealedValueError(`sealed with key "${kid}", which is not in ${this.keyring.source}`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      throw new SealedValueError(`does not open with key "${kid}": altered, or sealed for another place`);
    }
  }

  /** The id of the key that sealed a v2 value; null for any other format. */
  static keyIdOf(envelope: string): string | null {
    const parts = envelope.split(':');
    return parts.length === 5 && parts[0] === VERSION ? parts[1] : null;
  }

  /** What a log line or a serialized config shows: ids, never key material nor the legacy secret. */
  toJSON(): { keyring: ReturnType<Keyring['toJSON']>; legacySecret: boolean } {
    return { keyring: this.keyring.toJSON(), legacySecret: this.legacySecret !== undefined };
  }

  isCurrent(envelope: string): boolean {
    return EncryptionKeys.keyIdOf(envelope) === this.keyring.current.kid;
  }
}
