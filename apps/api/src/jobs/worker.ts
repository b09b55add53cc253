import { buildPersonalDataExport } from '../modules/personal-data';
import { Logger, parseCrontab, run, Runner, TaskList } from 'graphile-worker';
import { inScope, type AppServices } from '../scope';
import { lapseWaiver, runReevaluation } from '../modules/policies';
import { buildExport } from '../modules/compliance';
import { handleApprovalDeadline } from '../modules/approvals';
import { fireAllSchedules, fireEventJob, runNodeJob } from '../modules/workflow-executions';
import { pruneEvents } from '../modules/events';
import { attemptDelivery } from '../modules/webhooks';
import { sendQueuedMail } from '../modules/mail';
import { attemptChannelDelivery } from '../modules/agent-channels';
import { checkTenantBudgets, rollOverTenant, tenantsWithBudgets } from './budget-tasks';
import { lapseTenantExceptions, refreshTenantCompliance, snapshotTenantScores, sweepTenantCompliance, tenantsWithCompliance } from './compliance-tasks';
import { JOB, payloadOf } from './job-names';
import { sweepTrials } from './plan-tasks';
import { pruneExpiredCredentials, purgeDeletedEverywhere } from './retention-tasks';
import { detectSilenceAllTenants, evaluateAllTenants, maintainPartitions, rollUpAllTenants } from './metric-tasks';

/** Every 15 minutes, a check per tenant with budgets (catching costs that arrived some other way); daily, the rollover. */
export const CRONTAB = `
*/15 * * * * ${JOB.budgetCheckAll}
10 0 * * * ${JOB.budgetRollover} ?fill=2d
* * * * * ${JOB.metricsRollup}
* * * * * ${JOB.healthSilence}
* * * * * ${JOB.alertRulesEvaluate}
20 0 * * * ${JOB.metricsPartitions} ?fill=2d
5 * * * * ${JOB.complianceSweep} ?fill=1h
55 23 * * * ${JOB.complianceSnapshot} ?fill=1d
40 0 * * * ${JOB.eventsPrune} ?fill=2d
* * * * * ${JOB.workflowSchedule} ?fill=10m
25 * * * * ${JOB.trialExpiry} ?fill=1h
50 2 * * * ${JOB.deletedPurge} ?fill=2d
35 3 * * * ${JOB.credentialRetention} ?fill=2d
`;

/** Runs `work` for every tenant in `tenants`; one tenant's failure does not hold back the others, the job fails afterwards (to be retried). */
async function eachTenant(services: AppServices, job: string, tenants: string[], work: (tenantId: string) => Promise<unknown>): Promise<void> {
  const failed: string[] = [];
  for (const tenantId of tenants) {
    await work(tenantId).catch((error) => {
      services.log.error({ err: error, tenantId }, `${job} failed`);
      failed.push(tenantId);
    });
  }
  if (failed.length) throw new Error(`${job} failed for ${failed.length} tenant(s)`);
}

export function taskList(services: AppServices): TaskList {
  return {
    [JOB.budgetCheck]: async (payload) => {
      const { tenantId } = payloadOf(JOB.budgetCheck, payload);
      const raised = await checkTenantBudgets(services, tenantId);
      if (raised.length) services.log.info({ tenantId, alerts: raised.length }, 'budget alerts raised');
    },
    [JOB.budgetCheckAll]: async (_payload, helpers) => {
      for (const tenantId of await tenantsWithBudgets(services)) {
        await helpers.addJob(JOB.budgetCheck, { tenantId }, { jobKey: `${JOB.budgetCheck}:${tenantId}`, jobKeyMode: 'preserve_run_at' });
      }
    },
    // One tenant's failure does not hold back the others; the job fails afterwards, to be retried (rollover is idempotent).
    [JOB.budgetRollover]: async () => {
      const failed: string[] = [];
      for (const tenantId of await tenantsWithBudgets(services)) {
        await rollOverTenant(services, tenantId).catch((error) => {
          services.log.error({ err: error, tenantId }, 'budget rollover failed');
          failed.push(tenantId);
        });
      }
      if (failed.length) throw new Error(`budget rollover failed for ${failed.length} tenant(s)`);
    },
    [JOB.policyReevaluate]: async (payload, helpers) => {
      await runReevaluation(services, payloadOf(JOB.policyReevaluate, payload), helpers.job.attempts >= helpers.job.max_attempts);
    },
    // Bounded runs: what one run leaves goes to a follow-up run queued at once (one at a time, by its key).
    [JOB.metricsRollup]: async (_payload, helpers) => {
      const { hours, remaining } = await rollUpAllTenants(services);
      if (hours) services.log.debug({ hours, remaining }, 'metric hours rolled up');
      if (remaining) await helpers.addJob(JOB.metricsRollup, {}, { jobKey: JOB.metricsRollup });
    },
    [JOB.healthSilence]: async () => {
      const marked = await detectSilenceAllTenants(services);
      if (marked) services.log.info({ agents: marked }, 'silent agents marked unhealthy');
    },
    [JOB.alertRulesEvaluate]: async () => {
      const fired = await evaluateAllTenants(services);
      if (fired) services.log.info({ fired }, 'alert rules fired');
    },
    [JOB.metricsPartitions]: async () => {
      const { made, dropped } = await maintainPartitions(services);
      if (made || dropped.length) services.log.info({ made, dropped }, 'monthly partitions maintained');
    },
    // Hourly: evidence past its renewal date expires (alerts ahead of time), lapsed exceptions stop counting; readiness follows.
    [JOB.complianceSweep]: async () => {
      await eachTenant(services, JOB.complianceSweep, await tenantsWithCompliance(services), (tenantId) => sweepTenantCompliance(services, tenantId));
    },
    // Daily: each framework's score joins its history.
    [JOB.complianceSnapshot]: async () => {
      await eachTenant(services, JOB.complianceSnapshot, await tenantsWithCompliance(services), (tenantId) => snapshotTenantScores(services, tenantId));
    },
    [JOB.complianceRefresh]: async (payload) => {
      const { tenantId } = payloadOf(JOB.complianceRefresh, payload);
      await refreshTenantCompliance(services, tenantId);
    },
    // At an exception's expiry: it (and any other of the tenant's that are due) lapses; statuses and scores follow.
    [JOB.complianceExceptionLapse]: async (payload) => {
      const { tenantId } = payloadOf(JOB.complianceExceptionLapse, payload);
      await lapseTenantExceptions(services, tenantId);
    },
    [JOB.complianceExport]: async (payload) => {
      const { tenantId, exportId } = payloadOf(JOB.complianceExport, payload);
      await buildExport(services, tenantId, exportId);
    },
    [JOB.personalDataExport]: async (payload) => {
      const { tenantId, exportId } = payloadOf(JOB.personalDataExport, payload);
      await buildPersonalDataExport(services, tenantId, exportId);
    },
    [JOB.waiverLapse]: async (payload) => {
      const { tenantId, violationId } = payloadOf(JOB.waiverLapse, payload);
      await inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.waiverLapse}` } }, (scope) => lapseWaiver(scope, violationId));
    },
    [JOB.approvalDeadline]: async (payload) => {
      const { tenantId, requestId } = payloadOf(JOB.approvalDeadline, payload);
      await inScope(services, { actor: { kind: 'system', tenantId, name: `job ${JOB.approvalDeadline}` } }, (scope) =>
        handleApprovalDeadline(scope, requestId),
      );
    },
    // Daily: the event log keeps its retention period (docs/events.md).
    [JOB.eventsPrune]: async () => {
      const dropped = await pruneEvents(services);
      if (dropped) services.log.info({ dropped }, 'old domain events dropped');
    },
    // Every minute (and the minutes missed while no worker ran, up to 10): scheduled workflows whose cron names it; once per workflow and minute.
    [JOB.workflowSchedule]: async (payload) => {
      const ts = (payload as { _cron?: { ts?: string } } | null)?._cron?.ts;
      const started = await fireAllSchedules(services, ts ? new Date(ts) : new Date());
      if (started) services.log.info({ started }, 'scheduled workflows started');
    },
    [JOB.webhookDeliver]: async (payload) => {
      const { tenantId, deliveryId } = payloadOf(JOB.webhookDeliver, payload);
      await attemptDelivery(services, tenantId, deliveryId);
    },
    // Hourly: trials near their end warn their admins; run-out trials make their tenant read-only.
    [JOB.trialExpiry]: async () => {
      const { warned, expired } = await sweepTrials(services);
      if (warned || expired) services.log.info({ warned, expired }, 'trials warned or expired');
    },
    // Daily: what was deleted longer ago than the tenant's plan keeps it restorable is removed for good.
    [JOB.deletedPurge]: async () => {
      const purged = await purgeDeletedEverywhere(services);
      if (purged) services.log.info({ purged }, 'deleted items purged');
    },
    // Daily: expired refresh tokens and sessions, invitations and account tokens past their retention.
    [JOB.credentialRetention]: async () => {
      const pruned = await pruneExpiredCredentials(services.dataSource);
      services.log.info(pruned, 'expired credentials pruned');
    },
    // Queued by the domain event outbox in the event's transaction: the workflows listening start, once per event.
    [JOB.workflowEvent]: async (payload) => {
      const { tenantId, eventId } = payloadOf(JOB.workflowEvent, payload);
      await fireEventJob(services, tenantId, eventId);
    },
    // Queued by the mail outbox's insert: one message over SMTP; the queue's backoff retries a failed send, the last attempt marks it failed.
    [JOB.mailSend]: async (payload, helpers) => {
      const { mailId } = payloadOf(JOB.mailSend, payload);
      await sendQueuedMail(services, mailId, helpers.job.attempts >= helpers.job.max_attempts);
    },
    // Queued with the message (alert, violation, workflow task, test); a failed attempt queues the next itself, after a backoff.
    [JOB.channelDeliver]: async (payload) => {
      const { tenantId, deliveryId } = payloadOf(JOB.channelDeliver, payload);
      await attemptChannelDelivery(services, tenantId, deliveryId);
    },
    [JOB.workflowNode]: async (payload) => {
      const { tenantId, nodeRunId } = payloadOf(JOB.workflowNode, payload);
      await runNodeJob(services, tenantId, nodeRunId);
    },
  };
}

export interface Jobs {
  stop(): Promise<void>;
}

/**
 * The job queue lives in PostgreSQL (schema graphile_worker, migrated here on start): nothing else
 * to run. STEWARD_JOBS=off leaves it out; tests call the task functions directly.
 */
export async function startJobs(services: AppServices, databaseUrl: string, env = process.env): Promise<Jobs | null> {
  if (env.STEWARD_JOBS === 'off') return null;
  const log = services.log.child({ component: 'jobs' });
  const logger = new Logger(() => (level, message, meta) => {
    const method = level === 'error' ? 'error' : level === 'warning' ? 'warn' : 'debug';
    log[method](meta ?? {}, message);
  });
  const runner: Runner = await run({
    connectionString: databaseUrl,
    // WORKER_CONCURRENCY jobs at once (config.ts checks it against DB_POOL_SIZE); the worker's own pool has one
    // connection per slot for fetching and completing jobs, and one for LISTEN.
    concurrency: services.config.workerConcurrency,
    maxPoolSize: services.config.workerConcurrency + 1,
    noHandleSignals: true,
    pollInterval: 2000,
    logger,
    taskList: taskList(services),
    parsedCronItems: parseCrontab(CRONTAB),
  });
  return { stop: () => runner.stop() };
}
