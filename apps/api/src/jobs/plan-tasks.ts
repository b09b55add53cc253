import { inScope, type AppServices } from '../scope';
import { sweepTrial, trialsDue } from '../modules/tenants';
import { JOB } from './job-names';

/**
 * Every trial due a step at `now` (the clock is a parameter so tests control it): warned a few days
 * ahead, read-only once run out. One tenant's failure does not hold back the others; the job fails
 * afterwards, to be retried (each step is taken once).
 */
export async function sweepTrials(services: AppServices, now = new Date()): Promise<{ warned: number; expired: number }> {
  const done = { warned: 0, expired: 0 };
  const failed: string[] = [];
  for (const tenantId of await trialsDue(services.dataSource, now)) {
    await inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.trialExpiry}` } }, (scope) => sweepTrial(scope, now)).then(
      (step) => {
        if (step) done[step] += 1;
      },
      (error) => {
        services.log.error({ err: error, tenantId }, `${JOB.trialExpiry} failed`);
        failed.push(tenantId);
      },
    );
  }
  if (failed.length) throw new Error(`${JOB.trialExpiry} failed for ${failed.length} tenant(s)`);
  return done;
}
