import { join } from 'node:path';
import { AccessTokens } from './auth/tokens';
import { Config } from './config';
import type { AppServices } from './context';
import { migrate, openDatabase } from './db/data-source';
import { resolveDatabase } from './db/database';
import { seedDemoWorld } from './db/seed/demo-world';
import { startJobs } from './jobs/worker';
import { indexHrRecordSubjects } from './modules/hr-records';
import { MailReceiver } from './modules/mail';
import { createLogger } from './logger';
import { entities } from './modules';
import { createServer, StewardServer } from './server';
import { reasonOf, StartupError } from './startup-error';

export interface RunningSteward {
  services: AppServices;
  server: StewardServer;
  url: string;
  stop(): Promise<void>;
}

function listen(server: StewardServer, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const { httpServer } = server;
    const failed = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        reject(new StartupError(`port ${port} is in use by another program, perhaps another Steward`, 'Stop it, or set PORT to a free port.'));
      else if (error.code === 'EACCES') reject(new StartupError(`port ${port} needs privileges this user does not have`, 'Set PORT to a port above 1023.'));
      else reject(error);
    };
    httpServer.once('error', failed);
    httpServer.listen(port, () => {
      httpServer.off('error', failed);
      const address = httpServer.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Database up, migrations applied, demo world seeded when empty, server listening. */
export async function startSteward(config: Config, options: { seed?: boolean } = {}): Promise<RunningSteward> {
  const log = createLogger();
  // What has started so far, stopped in reverse when a later step fails or on stop().
  const started: (() => Promise<unknown>)[] = [];
  const stopAll = async () => {
    for (const stop of started.reverse()) await stop();
  };
  try {
    const database = await resolveDatabase(config);
    started.push(() => database.stop());
    // Migrations and the seed run on a connection of their own, free of the request timeouts.
    const setup = await openDatabase(database.url, 1, entities).catch((error) => {
      if (!database.embedded)
        throw new StartupError(
          `could not connect to the database at DATABASE_URL: ${reasonOf(error)}`,
          'Check DATABASE_URL, or leave it unset to use the embedded PostgreSQL.',
        );
      throw error;
    });
    try {
      const applied = await migrate(setup);
      if (applied.length) log.info({ applied }, 'migrations applied');
      // The blind index of HR subjects needs the data keys, which migrations do not have: rows without it are indexed here.
      const hr = await indexHrRecordSubjects(setup.manager, config.dataKeys);
      if (hr.indexed || hr.unreadable) log.info(hr, 'HR record subjects indexed');
      if (options.seed !== false) {
        const [{ n }] = await setup.query(`SELECT count(*)::int AS n FROM tenants`);
        if (n === 0) {
          await seedDemoWorld(setup, config.encryptionKeys, config.dataKeys);
          log.info('demo world seeded');
        }
      }
    } finally {
      await setup.destroy();
    }
    const dataSource = await openDatabase(database.url, config.dbPoolSize, entities, config);
    started.push(() => dataSource.destroy());
    const services: AppServices = { config, dataSource, tokens: new AccessTokens(config.signingKeys, config.accessTokenTtlSeconds), log };
    if (!config.production && !config.mail.smtpUrl) {
      // Outside production with no SMTP_URL, mail goes to a receiver in this process that keeps it in the data directory.
      const dir = join(config.dataDir, 'mail');
      const receiver = new MailReceiver({
        dir,
        onMail: (mail) => log.info({ to: mail.to, subject: mail.subject, links: mail.links }, `mail kept in ${dir} (no SMTP_URL)`),
      });
      config.mail.smtpUrl = await receiver.start();
      started.push(() => receiver.stop());
    }
    const jobs = await startJobs(services, database.url);
    if (jobs) started.push(() => jobs.stop());
    const server = await createServer(services);
    // Drains in-flight requests (Apollo's drain plugin closes the HTTP server), then the job runner,
    // the pool, and PostgreSQL last.
    started.push(() => server.stop());
    const port = await listen(server, config.port);
    let stopping: Promise<void> | undefined;
    return {
      services,
      server,
      url: `http://localhost:${port}`,
      stop: () => (stopping ??= stopAll()),
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
