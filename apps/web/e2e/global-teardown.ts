import { type RunningApi, stopApi } from './api-server';

export default async function globalTeardown(): Promise<void> {
  const api = (globalThis as { __stewardApi?: RunningApi }).__stewardApi;
  if (api) await stopApi(api);
}
