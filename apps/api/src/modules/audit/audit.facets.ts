import { Field, ObjectType } from 'type-graphql';
import type { TenantScope } from '../../scope';

@ObjectType({ description: "The values the tenant's audit log holds, to choose filters from" })
export class AuditFacets {
  @Field(() => [String], { description: 'Every action recorded, alphabetically' }) actions: string[];
  @Field(() => [String], { description: 'Every entity type acted on, alphabetically' }) entityTypes: string[];
}

/** The distinct actions and entity types in the tenant's log, in one statement. */
export async function auditFacets(ctx: TenantScope): Promise<AuditFacets> {
  const [row]: { actions: string[]; entity_types: string[] }[] = await ctx.tx.manager.query(
    `SELECT array(SELECT DISTINCT action FROM audit_entries WHERE tenant_id = $1 ORDER BY 1) AS actions,
            array(SELECT DISTINCT entity_type FROM audit_entries WHERE tenant_id = $1 AND entity_type IS NOT NULL ORDER BY 1) AS entity_types`,
    [ctx.caller.tenantId],
  );
  return Object.assign(new AuditFacets(), { actions: row.actions, entityTypes: row.entity_types });
}
