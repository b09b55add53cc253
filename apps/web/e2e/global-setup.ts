import { startApi } from './api-server';

export default async function globalSetup(): Promise<void> {
  const api = await startApi();
  (globalThis as { __stewardApi?: unknown }).__stewardApi = api;
  process.env.STEWARD_E2E_URL = api.url;
}
