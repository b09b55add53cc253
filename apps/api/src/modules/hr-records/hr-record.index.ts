import { createHmac, hkdfSync } from 'node:crypto';
import type { EncryptionKeys } from '../../auth/encryption';
import type { Key } from '../../auth/keyring';

/**
 * The blind index of an HR record's subject: keyed hashes (HMAC-SHA256) of the normalised email (one value) and of the
 * normalised full name and each of its words (an array), so a person's records are found by one indexed equality
 * lookup instead of by opening every record. Each hash is `<kid>:<base64url>`, the kid naming the data key it came from.
 *
 * The hash key is derived (HKDF-SHA256) from a data key and its id, never equal to the key; the tenant id and the field are hashed
 * with the value, so the same person has unrelated hashes in two tenants and a name never matches an email's hash.
 * What it gives away to someone reading the table: which records of a tenant share an email, a full name or a word of
 * a name (e.g. a first name), not what they are.
 */
export type SubjectField = 'email' | 'name';

export interface SubjectIndex {
  email: string;
  /** The full name's hash and each word's (a one-word name has one). */
  name: string[];
}

const INFO = 'steward hr_records subject index v1';
const derived = new WeakMap<Key, Buffer>();

function indexKey(key: Key): Buffer {
  let bytes = derived.get(key);
  if (!bytes) {
    bytes = Buffer.from(hkdfSync('sha256', key.bytes, Buffer.alloc(0), `${INFO}:${key.kid}`, 32));
    derived.set(key, bytes);
  }
  return bytes;
}

/** Emails match ignoring case and surrounding spaces; names also ignoring repeated inner spaces and Unicode forms. */
export function normaliseSubject(field: SubjectField, value: string): string {
  const trimmed = value.normalize('NFKC').trim().toLowerCase();
  return field === 'name' ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** What a name is found by: the whole of it and each of its words, normalised. */
export function nameTerms(name: string): string[] {
  const whole = normaliseSubject('name', name);
  return [...new Set([whole, ...whole.split(' ')])].filter(Boolean);
}

/** Whether a subject's stored value is matched by what was looked up, as the index matches it (for rows not indexed yet). */
export function subjectMatches(field: SubjectField, stored: string, value: string): boolean {
  const wanted = normaliseSubject(field, value);
  return field === 'email' ? normaliseSubject('email', stored) === wanted : nameTerms(stored).includes(wanted);
}

function hashWith(key: Key, tenantId: string, field: SubjectField, value: string): string {
  const mac = createHmac('sha256', indexKey(key))
    .update(`hr_records:${tenantId}:${field}:${normaliseSubject(field, value)}`)
    .digest('base64url');
  return `${key.kid}:${mac}`;
}

/** The index of a record's subject, under the current data key (what every write stores). */
export function subjectIndex(keys: EncryptionKeys, tenantId: string, subject: { subjectName: string; subjectEmail: string }): SubjectIndex {
  const key = keys.keyring.current;
  return {
    email: hashWith(key, tenantId, 'email', subject.subjectEmail),
    name: nameTerms(subject.subjectName).map((term) => hashWith(key, tenantId, 'name', term)),
  };
}

/**
 * What a lookup compares the column with: the value's hash under every data key of the keyring, so records indexed
 * before a rotation (their hash under the former key until `data-keys:rotate` re-indexes them) are still found.
 */
export function subjectLookup(keys: EncryptionKeys, tenantId: string, field: SubjectField, value: string): string[] {
  return keys.keyring.keys.map((key) => hashWith(key, tenantId, field, value));
}

/** Whether index values were written under the current data key (else rotation re-indexes them); false when missing. */
export function indexIsCurrent(keys: EncryptionKeys, value: string | string[] | null | undefined): boolean {
  const prefix = `${keys.keyring.current.kid}:`;
  return value != null && (Array.isArray(value) ? value.length > 0 && value.every((v) => v.startsWith(prefix)) : value.startsWith(prefix));
}
