/**
 * Measures finding a person's HR records among many (docs/hr-records.md, "Finding records by subject"): the former way
 * (open every record of the tenant and compare) against the blind index lookup, in alternating rounds, in this process
 * (CPU and wall ms, records opened) and in PostgreSQL (execution ms of the statement). Not part of the suite:
 *   cd apps/api && npx jest --maxWorkers=1 --testMatch '**' test/measure/hr-subject-lookup.measure.ts
 * HR_MEASURE_RECORDS (default 5000) and HR_MEASURE_ROUNDS (default 10) change the scale.
 */
import { performance } from 'node:perf_hooks';
import { Harness, startHarness } from '../harness';
import { sealContext, sealPersonal, SUBJECT_LOOKUP_SQL, subjectIndex, subjectLookupParams } from '../../src/modules/hr-records';

const RECORDS = Number(process.env.HR_MEASURE_RECORDS ?? 5000);
const ROUNDS = Number(process.env.HR_MEASURE_ROUNDS ?? 10);
const FIRST = ['Ada', 'Ben', 'Cleo', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo', 'Jun', 'Kit', 'Lea', 'Max', 'Nia', 'Oli', 'Pia', 'Quin', 'Rae', 'Sol', 'Tam'];

interface Sample {
  cpu: number;
  wall: number;
  sql: number;
  opened: number;
  found: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

it(`measures finding a person's HR records among ${RECORDS}`, async () => {
  const h: Harness = await startHarness();
  try {
    const keys = h.services.config.dataKeys;
    const [{ id: tenant }] = await h.sql(`SELECT id FROM tenants WHERE slug = 'acme'`);
    for (let start = 0; start < RECORDS; start += 1000) {
      const batch = [];
      for (let i = start; i < Math.min(RECORDS, start + 1000); i += 1) {
        const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
        const subject = { subjectName: `${FIRST[i % FIRST.length]} Family${i}`, subjectEmail: `person.${i}@example.org` };
        const sealed = sealPersonal(keys, id, { ...subject, data: { position: 'Engineer', stage: 'screening' } });
        const index = subjectIndex(keys, tenant, subject);
        batch.push({ id, name: sealed.subjectName, email: sealed.subjectEmail, data: sealed.data, email_index: index.email, name_index: index.name });
      }
      await h.sql(
        `INSERT INTO hr_records (id, tenant_id, kind, subject_name_sealed, subject_email_sealed, data_sealed, subject_email_index, subject_name_index)
         SELECT v.id, $2, 'candidate', v.name, v.email, v.data, v.email_index, v.name_index
           FROM jsonb_to_recordset($1::jsonb) AS v(id uuid, name text, email text, data text, email_index text, name_index text[])`,
        [JSON.stringify(batch), tenant],
      );
    }
    await h.sql(`ANALYZE hr_records`);

    const explainMs = async (sql: string, params: unknown[]) =>
      (await h.sql(`EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`, params))[0]['QUERY PLAN'][0]['Execution Time'] as number;

    /** As before the index: every record of the tenant opened, its name and email compared (substring, any case). */
    const FORMER_SQL = `SELECT id, subject_name_sealed, subject_email_sealed FROM hr_records WHERE tenant_id = $1`;
    async function former(text: string): Promise<Sample> {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const rows: { id: string; subject_name_sealed: string; subject_email_sealed: string }[] = await h.sql(FORMER_SQL, [tenant]);
      let opened = 0;
      const wanted = text.toLowerCase();
      const found = rows.filter((r) =>
        (
          [
            ['subjectName', r.subject_name_sealed],
            ['subjectEmail', r.subject_email_sealed],
          ] as const
        ).some(([field, sealed]) => {
          opened += 1;
          return keys.open(sealContext(r.id, field), sealed).toLowerCase().includes(wanted);
        }),
      );
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpu);
      return { cpu: (used.user + used.system) / 1000, wall, sql: await explainMs(FORMER_SQL, [tenant]), opened: rows.length && opened, found: found.length };
    }

    async function indexed(text: string): Promise<Sample> {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const params = subjectLookupParams(keys, tenant, ['email', 'name'], text);
      const rows: { id: string; email_sealed: string | null }[] = await h.sql(SUBJECT_LOOKUP_SQL, params);
      const wall = performance.now() - start;
      const used = process.cpuUsage(cpu);
      const opened = rows.filter((r) => r.email_sealed !== null).length;
      return { cpu: (used.user + used.system) / 1000, wall, sql: await explainMs(SUBJECT_LOOKUP_SQL, params), opened, found: rows.length };
    }

    const lines = [`${RECORDS} records, ${ROUNDS} alternating rounds, medians`, 'lookup | way | found | values opened | node CPU ms | wall ms | PostgreSQL ms'];
    for (const [label, text] of [
      ['an email (1 match)', `person.${Math.floor(RECORDS / 2)}@example.org`],
      [`a first name (${RECORDS / FIRST.length} matches)`, 'Hana'],
    ]) {
      const samples: Record<'former' | 'indexed', Sample[]> = { former: [], indexed: [] };
      await former(text);
      await indexed(text);
      for (let round = 0; round < ROUNDS; round += 1) {
        const order = round % 2 ? (['indexed', 'former'] as const) : (['former', 'indexed'] as const);
        for (const way of order) samples[way].push(await (way === 'former' ? former(text) : indexed(text)));
      }
      for (const way of ['former', 'indexed'] as const) {
        const s = samples[way];
        lines.push(
          [
            label,
            way,
            s[0].found,
            s[0].opened,
            median(s.map((x) => x.cpu)).toFixed(1),
            median(s.map((x) => x.wall)).toFixed(1),
            median(s.map((x) => x.sql)).toFixed(2),
          ].join(' | '),
        );
      }
    }
    for (const [label, text] of [
      ['an email', `person.${Math.floor(RECORDS / 2)}@example.org`],
      ['a first name', 'Hana'],
    ]) {
      const plan = await h.sql(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${SUBJECT_LOOKUP_SQL}`, subjectLookupParams(keys, tenant, ['email', 'name'], text));
      const nodes = plan
        .map((r: Record<string, string>) => r['QUERY PLAN'])
        .filter((l: string) => /Scan|BitmapOr|Buffers: shared/.test(l) && !/^\s*Planning/.test(l));
      lines.push(`plan of the indexed lookup of ${label}:`, ...nodes.map((l: string) => `  ${l.trim()}`));
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await h.close();
  }
}, 900_000);
