import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react';
import type { LiveConnection, LiveStatus } from './live';

const LiveContext = createContext<LiveConnection | null>(null);

export function LiveProvider({ live, children }: { live: LiveConnection; children: ReactNode }) {
  return <LiveContext.Provider value={live}>{children}</LiveContext.Provider>;
}

const idle = () => 'idle' as const;
const ignore = () => () => undefined;

/** Where the live connection stands; `idle` without one (tests that render pages alone). */
export function useLiveStatus(): LiveStatus {
  const live = useContext(LiveContext);
  return useSyncExternalStore(live?.subscribe ?? ignore, live ? () => live.status : idle);
}

/** Whether the app has a live connection (pages rendered alone in tests have none and subscribe to nothing). */
export function useLiveAvailable(): boolean {
  return useContext(LiveContext) !== null;
}
