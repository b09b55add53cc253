import { openDatabase } from '../../src/db/data-source';
import { createLogger } from '../../src/logger';
import { entities } from '../../src/modules';
import { runNodeJob } from '../../src/modules/workflow-executions';
import type { AppServices } from '../../src/scope';

export async function main([url, tenantId, nodeRunId]: string[]): Promise<void> {
  const dataSource = await openDatabase(url, 1, entities);
  const services = { dataSource, log: createLogger({ level: 'silent' }) } as AppServices;
  await runNodeJob(services, tenantId, nodeRunId, new Date(), {
    afterEffect: async () => {
      process.send?.({ state: 'mid-step' });
      // Never finishes: the parent kills this process here, with the step's transaction open.
      await new Promise(() => undefined);
    },
  });
  process.send?.({ state: 'finished' });
}
