import { createHash, randomUUID } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { grantedPermissions, PermissionName } from '../../auth/permissions';
import { Connection, ConnectionArgs, OrderDirection } from '../../graphql/connection';
import { InputChecks, StewardError } from '../../graphql/errors';
import { expectGlobalId } from '../../graphql/global-id';
import { readById, readPage, ReadModel, Selection, SqlParams } from '../../graphql/read-model';
import { inScope, type AppServices, type TenantScope } from '../../scope';
import { withDeleted } from '../deleted-items';
import { gatherPersonalData } from './personal-data-export.contents';
import { PersonalDataExport, PersonalDataExportStatus } from './personal-data-export.entity';

export const personalDataExportReads = new ReadModel(PersonalDataExport, {
  table: 'personal_data_exports',
  // Who asked decides who may read it (personalDataExportNode).
  always: ['uuid', 'requestedById'],
  needs: { subject: ['subjectUserId'], requestedBy: ['requestedById'], size: ['sizeBytes'], downloadPath: ['status'] },
});

const isAdmin = (ctx: TenantScope) => grantedPermissions(ctx.caller)?.has(PermissionName.TENANT_MANAGE) === true;

/** `node(id:)`: as the list, admins read any export of the tenant and a member only those they asked for. */
export async function personalDataExportNode(ctx: TenantScope, id: string, selection: Selection): Promise<PersonalDataExport | null> {
  const found = await readById(ctx, personalDataExportReads, selection).load(id);
  return found && (isAdmin(ctx) || found.requestedById === ctx.caller.userId) ? found : null;
}

/** Admins see every export of the tenant; a member sees those they asked for. */
export function listPersonalDataExports(ctx: TenantScope, page: ConnectionArgs, selection: Selection) {
  const params = new SqlParams();
  const where = [`x.tenant_id = ${params.add(ctx.caller.tenantId)}`];
  if (!isAdmin(ctx)) where.push(`x.requested_by_id = ${params.add(ctx.caller.userId)}`);
  return readPage(ctx, personalDataExportReads, selection, { alias: 'x', where, params }, page, {
    column: 'x.created_at',
    id: 'x.id',
    direction: OrderDirection.DESC,
    cast: 'timestamptz',
  }) as Promise<Connection<PersonalDataExport>>;
}

/**
 * An admin (for any member, or a removed member still restorable) or the person themselves asks; the job builds it.
 * As erasure, a removed member's profile shows only with deleted rows.
 */
export async function startPersonalDataExport(ctx: TenantScope, input: { userId: string }): Promise<PersonalDataExport> {
  const subjectId = expectGlobalId(input.userId, 'User', 'input.userId');
  const checks = new InputChecks();
  if (!ctx.caller.userId) checks.add('userId', 'A personal data export is asked for by a person, not an API key', 'CONFLICT');
  else if (subjectId !== ctx.caller.userId && !isAdmin(ctx)) throw StewardError.forbidden();
  const [member] = await withDeleted(ctx, () =>
    ctx.tx.manager.query(
      `SELECT u.full_name FROM users u WHERE u.id = $2
         AND EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = $1 AND m.user_id = u.id
                     UNION ALL SELECT 1 FROM deleted_memberships d WHERE d.tenant_id = $1 AND d.user_id = u.id)`,
      [ctx.caller.tenantId, subjectId],
    ),
  );
  if (!member) checks.add('userId', 'No such member in this tenant');
  checks.refuseIfAny();
  const id = randomUUID();
  await ctx.tx.manager.query(`INSERT INTO personal_data_exports (id, tenant_id, subject_user_id, requested_by_id) VALUES ($1, $2, $3, $4)`, [
    id,
    ctx.caller.tenantId,
    subjectId,
    ctx.caller.userId,
  ]);
  await ctx.tx.manager.query(`SELECT steward.enqueue_personal_data_export($1)`, [id]);
  await ctx.audit.record({
    action: 'personal_data_export.start',
    entityType: 'PersonalDataExport',
    entityId: id,
    entityName: 'Personal data export',
    after: { subjectUserId: subjectId },
  });
  return ctx.tx.manager.findOneByOrFail(PersonalDataExport, { uuid: id });
}

/**
 * The job: builds the zip with progress committed along the way, stores it with its SHA-256, audits it. It reads as
 * the person while they are a member; a removed member cannot open a scope, so it reads as the admin who asked
 * (still an admin of this tenant, or the export fails), with deleted rows shown, under the tenant's RLS as ever.
 */
export async function buildPersonalDataExport(services: AppServices, tenantId: string, exportId: string): Promise<void> {
  const system = { kind: 'system' as const, tenantId, name: 'job personalData:export' };
  const progress = (n: number) =>
    inScope(services, { actor: system }, (scope) =>
      scope.tx.manager.query(`UPDATE personal_data_exports SET status = 'running', progress = $2 WHERE id = $1 AND status IN ('queued','running')`, [
        exportId,
        n,
      ]),
    ).then(() => undefined);
  const [job] = await inScope(services, { actor: system }, (scope) =>
    scope.tx.manager.query(
      `SELECT x.subject_user_id, x.requested_by_id,
              EXISTS (SELECT 1 FROM memberships m WHERE m.tenant_id = x.tenant_id AND m.user_id = x.subject_user_id) AS member
         FROM personal_data_exports x WHERE x.id = $1 AND x.status IN ('queued','running')`,
      [exportId],
    ),
  );
  if (!job) return;
  await progress(5);
  try {
    const parts = job.member
      ? await inScope(services, { actor: { kind: 'member', tenantId, userId: job.subject_user_id } }, (scope) =>
          gatherPersonalData(scope, job.subject_user_id, progress),
        )
      : await inScope(services, { actor: { kind: 'member', tenantId, userId: job.requested_by_id } }, (scope) => {
          if (!isAdmin(scope)) throw new Error('Who asked for the export of a removed member is no longer an admin of this tenant');
          return withDeleted(scope, () => gatherPersonalData(scope, job.subject_user_id, progress, { removed: true }));
        });
    const files = Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, strToU8(JSON.stringify(value, null, 2))]));
    const zip = Buffer.from(zipSync(files, { level: 6 }));
    const sha256 = createHash('sha256').update(zip).digest('hex');
    await inScope(services, { actor: system }, async (scope) => {
      await scope.tx.manager.query(
        `UPDATE personal_data_exports SET status = 'ready', progress = 100, content = $2, size_bytes = $3, sha256 = $4, finished_at = now() WHERE id = $1`,
        [exportId, zip, zip.length, sha256],
      );
      await scope.audit.record({
        action: 'personal_data_export.ready',
        entityType: 'PersonalDataExport',
        entityId: exportId,
        entityName: 'Personal data export',
        after: { subjectUserId: job.subject_user_id, sizeBytes: zip.length, sha256, files: Object.keys(files) },
      });
    });
  } catch (error) {
    await inScope(services, { actor: system }, (scope) =>
      scope.tx.manager.query(`UPDATE personal_data_exports SET status = 'failed', error = left($2, 500), finished_at = now() WHERE id = $1`, [
        exportId,
        (error as Error).message,
      ]),
    );
    throw error;
  }
}

/** The zip, once, for whoever asked for it: taking it drops the content and marks the export downloaded; audited. */
export async function takePersonalDataExport(ctx: TenantScope, id: string): Promise<{ name: string; content: Buffer } | null> {
  // TypeORM answers an UPDATE with [rows, count].
  const [[row]]: [{ content: Buffer; subject_user_id: string }[], number] = await ctx.tx.manager.query(
    `UPDATE personal_data_exports x SET status = 'downloaded', downloaded_at = now(), content = NULL
     FROM (SELECT id, content FROM personal_data_exports WHERE id = $1 AND tenant_id = $2 AND requested_by_id = $3 AND status = 'ready' FOR UPDATE) old
     WHERE x.id = old.id RETURNING old.content, x.subject_user_id`,
    [id, ctx.caller.tenantId, ctx.caller.userId],
  );
  if (!row?.content) return null;
  await ctx.audit.record({
    action: 'personal_data_export.download',
    entityType: 'PersonalDataExport',
    entityId: id,
    entityName: 'Personal data export',
    after: { subjectUserId: row.subject_user_id },
  });
  return { name: `personal-data-${id}.zip`, content: row.content };
}

export { PersonalDataExportStatus };
