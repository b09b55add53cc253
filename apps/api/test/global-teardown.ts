export default async function globalTeardown(): Promise<void> {
  const running = (globalThis as { stewardPostgres?: { stop(): Promise<void> } }).stewardPostgres;
  await running?.stop();
}
