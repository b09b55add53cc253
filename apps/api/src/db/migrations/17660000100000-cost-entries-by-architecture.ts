import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cost entries now name their architecture by id (costEntriesRecord's architectureId), and spend by
 * architecture groups by that id. Entries recorded with only a name before the architecture of that
 * name existed are linked now (names compare ignoring case, as they are unique per tenant).
 */
export class CostEntriesByArchitecture17660000100000 implements MigrationInterface {
  name = 'CostEntriesByArchitecture17660000100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
UPDATE cost_entries e SET architecture_id = a.id FROM architectures a
 WHERE e.architecture_id IS NULL AND e.architecture IS NOT NULL AND a.tenant_id = e.tenant_id AND lower(a.name) = lower(e.architecture);`);
  }

  async down(): Promise<void> {
    // Links made here are indistinguishable from those made on ingestion; they stay.
  }
}
