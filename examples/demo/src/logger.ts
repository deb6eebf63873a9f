import pino, { type DestinationStream, type Logger } from 'pino';
import type { Clock } from './clock';

export interface LoggerOptions {
  clock: Clock;
  release: string;
  destination?: DestinationStream;
}

/** One JSON line per event on stdout, as the log shipper in production expects. */
export function createLogger({ clock, release, destination }: LoggerOptions): Logger {
  return pino(
    {
      base: { service: 'checkout', version: release, env: 'production' },
      // Time comes from the clock so a replayed day carries the replayed timestamps.
      timestamp: () => `,"time":${clock.now()}`,
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
