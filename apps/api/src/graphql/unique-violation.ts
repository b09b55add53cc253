import type { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import { UserInputProblem } from './errors';

/**
 * A unique index refused a write (PostgreSQL 23505): a CONFLICT naming the input field and the value
 * taken, so services need no "is this name free" query of their own. Nothing is kept by hand per index:
 * the key's columns come from the index definition in the catalog, field names and the word for the row
 * from the table's entity metadata, the value from the refused statement. (PostgreSQL leaves the key's
 * values out of its message for tables with row-level security, which ours all have.) The tenant and
 * other `*_id` columns of the key only say where the value must be unique ("on this agent"); the
 * others are what the caller chose. Call it after the refused statement's savepoint was rolled back:
 * it reads the catalog in the same transaction.
 */
export async function uniqueViolationProblem(error: unknown, manager: EntityManager, dataSource: DataSource): Promise<UserInputProblem | null> {
  const failed = error as { driverError?: unknown; query?: unknown; parameters?: unknown };
  const pg = (failed?.driverError ?? error) as { code?: unknown; table?: unknown; constraint?: unknown };
  if (pg?.code !== '23505' || typeof pg.constraint !== 'string') return null;
  const columns = await keyColumns(manager, pg.constraint);
  if (!columns.length) return null;
  const table = typeof pg.table === 'string' ? pg.table : null;
  const metadata = table ? (dataSource.entityMetadatas.find((m) => m.tableName === table) ?? null) : null;
  const written =
    typeof failed.query === 'string' && Array.isArray(failed.parameters) ? writtenValues(failed.query, failed.parameters) : new Map<string, unknown>();
  const parts = columns.map((c) => ({ ...c, field: fieldOf(metadata, c.name), value: written.get(c.name) }));
  const scoped = parts.filter((p) => p.name === 'tenant_id' || p.name.endsWith('_id'));
  const chosen = parts.filter((p) => !scoped.includes(p));
  const where = scoped.filter((p) => p.name !== 'tenant_id').map((p) => words(p.field.replace(/Id$/, '')));
  const thing = metadata ? words(metadata.name) : (table ?? 'record').replace(/_/g, ' ').replace(/s$/, '');
  const subject = `${/^[aeiou]/i.test(thing) ? 'An' : 'A'} ${thing}`;
  const known = chosen.filter((p) => typeof p.value === 'string' || typeof p.value === 'number');
  let message: string;
  if (chosen.length === 1 && chosen[0].field === 'name' && known.length) message = `${subject} named "${known[0].value}" already exists`;
  else if (chosen.length && known.length === chosen.length)
    message = `${subject} with ${known.map((p) => `${words(p.field)} "${p.value}"`).join(' and ')} already exists`;
  else if (chosen.length) message = `${subject} with this ${chosen.map((p) => words(p.field)).join(' and ')} already exists`;
  else message = `${subject} like this already exists`;
  if (where.length) message += ` on this ${where.join(' and ')}`;
  const ignoringCase = chosen.filter((p) => p.caseInsensitive).map((p) => `${words(p.field)}s`);
  if (ignoringCase.length) message += ` (${ignoringCase.join(' and ')} are compared ignoring case)`;
  const at = chosen.at(-1) ?? scoped.at(-1) ?? null;
  return new UserInputProblem(at?.field ?? null, message, 'CONFLICT');
}

interface KeyColumn {
  name: string;
  caseInsensitive: boolean;
}

/** Index definitions change only with a migration, i.e. with a restart. */
const keysByIndex = new Map<string, KeyColumn[]>();

async function keyColumns(manager: EntityManager, index: string): Promise<KeyColumn[]> {
  const cached = keysByIndex.get(index);
  if (cached) return cached;
  const rows: { expression: string }[] = await manager.query(
    `SELECT pg_get_indexdef(i.indexrelid, k, true) AS expression
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace, generate_series(1, i.indnkeyatts) AS k
     WHERE c.relname = $1 AND n.nspname = current_schema() ORDER BY k`,
    [index],
  );
  const columns = rows.map(({ expression }) => {
    // The column inside an expression such as lower((name)::text): the identifier that is neither a function nor a type.
    const identifiers = [...expression.replace(/::[a-z ]+/gi, '').matchAll(/\b([a-z_][a-z0-9_]*)\b(?!\s*\()/gi)].map((m) => m[1]);
    return { name: identifiers.at(-1) ?? expression, caseInsensitive: /\blower\(/i.test(expression) };
  });
  keysByIndex.set(index, columns);
  return columns;
}

/**
 * Column -> value of what the refused statement wrote, for the two shapes writes take here:
 * INSERT INTO t (a, b) VALUES ($1, $2) and UPDATE t SET a = $1. Anything else: nothing known.
 */
function writtenValues(query: string, parameters: unknown[]): Map<string, unknown> {
  const values = new Map<string, unknown>();
  const param = (token: string) => {
    const n = /^\$(\d+)(?:::[\w[\]]+)?$/.exec(token.trim())?.[1];
    return n ? parameters[Number(n) - 1] : undefined;
  };
  const insert = /^\s*INSERT\s+INTO\s+[\w".]+\s*\(([^)]*)\)\s*VALUES\s*\(/i.exec(query);
  if (insert) {
    const columns = insert[1].split(',').map((c) => c.trim().replace(/"/g, ''));
    const tokens = splitTopLevel(query.slice(insert[0].length));
    columns.forEach((column, i) => tokens[i] !== undefined && values.set(column, param(tokens[i])));
    return values;
  }
  const update = /^\s*UPDATE\s+[\w".]+\s+SET\s+(.*?)\s+WHERE\s/is.exec(query);
  if (update) {
    for (const assignment of splitTopLevel(update[1])) {
      const m = /^"?(\w+)"?\s*=\s*(.+)$/s.exec(assignment.trim());
      if (m) values.set(m[1], param(m[2]));
    }
  }
  return values;
}

/** Splits at commas outside parentheses, up to the parenthesis that closes the list. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of list) {
    if (char === '(') depth++;
    if (char === ')' && --depth < 0) break;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += char;
  }
  parts.push(current.trim());
  return parts;
}

function fieldOf(metadata: EntityMetadata | null, column: string): string {
  const property = metadata?.columns.find((c) => c.databaseName === column)?.propertyName;
  return property ?? column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
}

const ACRONYMS: Record<string, string> = { ai: 'AI', api: 'API' };

/** "AgentChannel" -> "agent channel", "AiModel" -> "AI model". */
function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(' ')
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase())
    .join(' ');
}
