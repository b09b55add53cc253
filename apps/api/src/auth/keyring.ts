import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Key {
  readonly kid: string;
  readonly bytes: Buffer;
}

const KID = /^[A-Za-z0-9_-]{1,40}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Keys by id; the first is the current one (it encrypts or signs), the others only open or verify. */
export class Keyring {
  private readonly byKid: ReadonlyMap<string, Key>;

  constructor(
    readonly keys: readonly Key[],
    readonly source: string,
  ) {
    if (!keys.length) throw new Error(`${source}: no keys`);
    this.byKid = new Map(keys.map((k) => [k.kid, k]));
  }

  get current(): Key {
    return this.keys[0];
  }

  find(kid: string): Key | undefined {
    return this.byKid.get(kid);
  }

  get kids(): string[] {
    return this.keys.map((k) => k.kid);
  }

  /** What a log line or a serialized config shows: ids, never key material. */
  toJSON(): { source: string; kids: string[] } {
    return { source: this.source, kids: this.kids };
  }
}

export interface KeyLength {
  /** Exactly this many bytes (AES-256 wants 32). */
  exactly?: number;
  /** At least this many bytes (an HMAC key). */
  atLeast?: number;
}

/**
 * Reads `kid:base64-key,kid:base64-key,...` (commas or newlines between entries). Errors name the
 * source and the entry's position and id, never the key material.
 */
export function parseKeys(source: string, text: string, length: KeyLength): Key[] {
  const entries = text
    .split(/[,\n]/)
    .map((e) => e.trim())
    .filter(Boolean);
  if (!entries.length) throw new Error(`${source} is empty: give one or more kid:base64-key entries, the current key first`);
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const at = `${source}, entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`${at} is not kid:base64-key`);
    const kid = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!KID.test(kid)) throw new Error(`${at}: the key id must be 1 to 40 letters, digits, "-" or "_"`);
    if (seen.has(kid)) throw new Error(`${at}: the key id "${kid}" is listed twice`);
    seen.add(kid);
    if (!BASE64.test(encoded)) throw new Error(`${at} ("${kid}"): the key is not base64`);
    const bytes = Buffer.from(encoded, 'base64'); // Node reads the URL-safe alphabet here too
    if (length.exactly !== undefined && bytes.length !== length.exactly) {
      throw new Error(`${at} ("${kid}"): the key must be ${length.exactly} bytes, base64-encoded; it is ${bytes.length}`);
    }
    if (length.atLeast !== undefined && bytes.length < length.atLeast) {
      throw new Error(`${at} ("${kid}"): the key must be at least ${length.atLeast} bytes, base64-encoded; it is ${bytes.length}`);
    }
    return { kid, bytes };
  });
}

export function generateKey(bytes = 32): Key {
  return { kid: `k${Date.now().toString(36)}${randomBytes(2).toString('hex')}`, bytes: randomBytes(bytes) };
}

export function formatKeys(keys: readonly Key[]): string {
  return keys.map((k) => `${k.kid}:${k.bytes.toString('base64')}`).join('\n') + '\n';
}

/** Development only: the keys kept in a file of the data directory, made once, readable by its owner alone. */
export function keysFromFile(file: string, length: KeyLength): Key[] {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, formatKeys([generateKey(length.exactly ?? length.atLeast)]), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseKeys(file, readFileSync(file, 'utf8'), length);
}

/** Development only: a new current key at the top of the file; the former ones stay to open older values. */
export function addKeyToFile(file: string, length: KeyLength): Key {
  const keys = keysFromFile(file, length);
  const added = generateKey(length.exactly ?? length.atLeast);
  // Written aside and renamed over the file, so a crash never leaves it without the keys it had.
  const next = `${file}.new`;
  writeFileSync(next, formatKeys([added, ...keys]), { mode: 0o600 });
  renameSync(next, file);
  return added;
}
