import type { Config } from 'jest';
import { startApi } from './api-server';

/**
 * One API, with its own seeded database, per jest worker: test files in different workers run side by side and never
 * see each other's changes; the files of one worker run one after another, as they always have.
 */
export default async function globalSetup(config: Config): Promise<void> {
  const workers = Math.max(1, Number(config.maxWorkers) || 1);
  const apis = await Promise.all(Array.from({ length: workers }, (_, i) => startApi(`api-${i + 1}`)));
  (globalThis as { __stewardApis?: unknown }).__stewardApis = apis;
  process.env.STEWARD_E2E_URLS = apis.map((api) => api.url).join(' ');
  // Each API keeps the mail it sends in its data directory (no SMTP_URL): browser tests read it there.
  process.env.STEWARD_E2E_DATA_DIRS = apis.map((api) => api.dataDir).join(' ');
}
