import { clockNow } from "./local/clock";

/**
 * The time background work runs on. It is wall time, except that the embedded executor's clock
 * can be moved forward (`npm run clock -- advance 24h`) so tests and demos see sleeps end: the
 * app reads "now" for scheduling from here, never from the executor's internals.
 */
export function executorNow(): Date {
  return clockNow();
}
