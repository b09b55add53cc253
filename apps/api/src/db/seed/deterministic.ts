import { createHash } from 'node:crypto';

/** A stable UUID for a name, so the demo world has the same ids (and global ids) on every run. */
export function stableUuid(name: string): string {
  const hex = createHash('sha256').update(`steward-demo:${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A stable API key secret for a name: demo data only, printed in the README. */
export function stableApiKey(name: string): string {
  return `stw_demo_${createHash('sha256').update(`steward-demo-key:${name}`).digest('base64url').slice(0, 28)}`;
}
