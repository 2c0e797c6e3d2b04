import "server-only";
import { getDb, getDbHandle } from "@/db/client";
import { startRelay } from "@/lib/events/relay";
import { inngest } from "./client";
import { DEFAULT_MAX_IN_FLIGHT, Executor, runningExecutor, setRunningExecutor } from "./local/executor";
import { embeddedServeUrl } from "./own-api";
import { currentTarget } from "./target";
import { wholeFromEnv } from "./whole-from-env";
import { organisationOfEvent } from "./tenancy";

/**
 * Starts what Tend needs for background work, once per process, after the database is open:
 * the embedded executor (when no Inngest is configured) and the outbox relay (always).
 */
export async function startInngestRuntime(): Promise<void> {
  if (runningExecutor()) return;
  const target = currentTarget();
  const db = await getDb();
  if (target.kind === "embedded") {
    const handle = await getDbHandle();
    const executor = new Executor({
      db,
      serveUrl: embeddedServeUrl()!,
      signingKey: target.signingKey,
      releaseLeasesAtStart: handle.target.kind === "pglite",
      leaseMs: wholeFromEnv("TEND_EXECUTOR_LEASE_MS", "milliseconds"),
      callTimeoutMs: wholeFromEnv("TEND_EXECUTOR_CALL_TIMEOUT_MS", "milliseconds"),
      maxInFlight: wholeFromEnv("TEND_EXECUTOR_CONCURRENCY", "calls") ?? DEFAULT_MAX_IN_FLIGHT,
      tenantOf: organisationOfEvent,
    });
    setRunningExecutor(executor);
    // Nothing is matched or claimed until the sync below has answered: on a first start the
    // database knows no functions, and events matched against none would start nothing.
    await executor.start({ sync: false, holdUntilSynced: true });
    // The server is not listening yet while instrumentation runs: sync once it answers.
    void executor.sync(120_000).catch(() => {});
    console.log(`[tend] Background jobs run on the embedded executor (calling ${embeddedServeUrl()}).`);
  } else {
    console.log(
      `[tend] Background jobs run on ${target.kind === "dev" ? `the Inngest dev server at ${target.url}` : "Inngest Cloud"}.`,
    );
  }
  startRelay(db, (events) => inngest.send(events));
}
