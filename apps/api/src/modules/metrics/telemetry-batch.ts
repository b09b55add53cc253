import { createHash } from 'node:crypto';
import { registerEnumType } from 'type-graphql';
import type { TenantScope } from '../../scope';
import { UserInputProblem } from '../../graphql/errors';

export enum TelemetryBatchOutcome {
  RECORDED = 'RECORDED',
  DUPLICATE = 'DUPLICATE',
}
registerEnumType(TelemetryBatchOutcome, {
  name: 'TelemetryBatchOutcome',
  description: 'What became of a batch of metric points, health reports or analytics events',
  valuesConfig: {
    RECORDED: { description: 'Recorded now' },
    DUPLICATE: { description: 'A batch with the same key and content was recorded before: nothing was written again' },
  },
});

export type TelemetryKind = 'metrics' | 'health' | 'events';

/** Content digest of a batch's normalised items: the same items in the same order give the same digest. */
export function batchDigest(items: unknown): string {
  return createHash('sha256').update(JSON.stringify(items)).digest('hex');
}

export type BatchClaim = { duplicate: false; batchId: string } | { duplicate: true; count: number };

/**
 * Claims a client's batch key for this tenant and kind, in the caller's transaction. A key stored
 * before with the same digest is a retry (DUPLICATE, nothing to write); with another digest it is a
 * CONFLICT at `batchKey`. A concurrent batch with the same key waits on the unique index until the
 * first one commits or rolls back.
 */
export async function claimBatch(ctx: TenantScope, kind: TelemetryKind, batchKey: string, digest: string, count: number): Promise<BatchClaim> {
  const key = batchKey.trim();
  if (!key || key.length > 200) throw new UserInputProblem('batchKey', 'batchKey must be 1 to 200 characters');
  const params = [ctx.caller.tenantId, kind, key, digest, count, ctx.caller.userId, ctx.caller.apiKeyId];
  const [claimed]: { id: string }[] = await ctx.tx.manager.query(
    `INSERT INTO telemetry_batches (tenant_id, kind, batch_key, digest, item_count, recorded_by_user_id, recorded_by_api_key_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, kind, batch_key) DO NOTHING RETURNING id`,
    params,
  );
  if (claimed) return { duplicate: false, batchId: claimed.id };
  const stored = await storedBatch(ctx, kind, key);
  if (stored && stored.digest === digest) return { duplicate: true, count: stored.item_count };
  throw batchKeyConflict();
}

/** The digest and size of the batch stored under a key, if any. */
export async function storedBatch(ctx: TenantScope, kind: TelemetryKind, key: string): Promise<{ digest: string; item_count: number } | null> {
  const [stored]: { digest: string; item_count: number }[] = await ctx.tx.manager.query(
    `SELECT digest, item_count FROM telemetry_batches WHERE tenant_id = $1 AND kind = $2 AND batch_key = $3`,
    [ctx.caller.tenantId, kind, key],
  );
  return stored ?? null;
}

export function batchKeyConflict(): UserInputProblem {
  return new UserInputProblem('batchKey', 'This batchKey was used before for a batch with other content; use a new key for a new batch', 'CONFLICT');
}
