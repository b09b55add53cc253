import { type RunningApi, stopApi } from './api-server';

export default async function globalTeardown(): Promise<void> {
  const apis = (globalThis as { __stewardApis?: RunningApi[] }).__stewardApis ?? [];
  await Promise.all(apis.map((api) => stopApi(api)));
}
