import { parseGlobalId } from '../../graphql/global-id';
import { many, one, sqlObjectFromReadModel, sqlRoot, value } from '../../graphql/sql-compiler';
import type { ReadModel } from '../../graphql/read-model';
import { controlReads, frameworkReads, requirementReads } from './compliance.reads';

/**
 * The framework page as the SQL compiler reads it (graphql/sql-compiler): a framework, its whole tree in tree
 * order, each requirement's parent and its controls by name, answered by one statement whose JSON PostgreSQL
 * builds. The same orders and values as the resolvers (compliance.loaders.ts); fields not declared here are
 * answered by the executor.
 */
sqlObjectFromReadModel('ComplianceFramework', frameworkReads as ReadModel<object>, {
  score: value((f) => `${f}.score`),
  requirements: many(
    (f, r) => `compliance_requirements ${r} WHERE ${r}.framework_id = ${f}.id`,
    (r) => `${r}.path`,
  ),
});

sqlObjectFromReadModel('ComplianceRequirement', requirementReads as ReadModel<object>, {
  weight: value((r) => `${r}.weight`),
  parent: one((r, p) => `compliance_requirements ${p} WHERE ${p}.id = ${r}.parent_id`),
  framework: one((r, f) => `compliance_frameworks ${f} WHERE ${f}.id = ${r}.framework_id`),
  controls: many(
    (r, c) => `compliance_control_requirements ${c}_m JOIN compliance_controls ${c} ON ${c}.id = ${c}_m.control_id WHERE ${c}_m.requirement_id = ${r}.id`,
    (c) => `lower(${c}.name), ${c}.id`,
  ),
});

sqlObjectFromReadModel('ComplianceControl', controlReads as ReadModel<object>);

/** complianceFramework(id:): an id that is not a framework's, or no such framework, is left to the resolver (its errors). */
sqlRoot('complianceFramework', (args, build) => {
  const parsed = parseGlobalId(args.id as string);
  if (!parsed || parsed.type !== 'ComplianceFramework') return null;
  const tenant = build.params.add(build.ctx.caller.tenantId);
  const id = build.params.add(parsed.id);
  return {
    sql: `SELECT (SELECT ${build.object('ComplianceFramework', 'f')} FROM compliance_frameworks f WHERE f.tenant_id = ${tenant} AND f.id = ${id}::uuid) AS value`,
    nullFallsBack: true,
  };
});
