import "server-only";
import { getDb, getDbHandle } from "@/db/client";
import { startRelay } from "@/lib/events/relay";
import { inngest } from "./client";
import { Executor, runningExecutor, setRunningExecutor } from "./local/executor";
import { currentTarget } from "./target";
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
      serveUrl: `${target.internalUrl}/api/inngest`,
      signingKey: target.signingKey,
      releaseLeasesAtStart: handle.target.kind === "pglite",
      leaseMs: msFromEnv("TEND_EXECUTOR_LEASE_MS"),
      callTimeoutMs: msFromEnv("TEND_EXECUTOR_CALL_TIMEOUT_MS"),
      tenantOf: organisationOfEvent,
    });
    setRunningExecutor(executor);
    // Nothing is matched or claimed until the sync below has answered: on a first start the
    // database knows no functions, and events matched against none would start nothing.
    await executor.start({ sync: false, holdUntilSynced: true });
    // The server is not listening yet while instrumentation runs: sync once it answers.
    void executor.sync(120_000).catch(() => {});
    console.log(`[tend] Background jobs run on the embedded executor (calling ${target.internalUrl}/api/inngest).`);
  } else {
    console.log(
      `[tend] Background jobs run on ${target.kind === "dev" ? `the Inngest dev server at ${target.url}` : "Inngest Cloud"}.`,
    );
  }
  startRelay(db, (events) => inngest.send(events));
}

/** A positive whole number of milliseconds from the environment, or undefined (the executor's default). */
function msFromEnv(name: string): number | undefined {
  const raw = process.env[name]?.trim();
  if (!raw) return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms <= 0)
    throw new Error(`${name} must be a positive whole number of milliseconds, got "${raw}".`);
  return ms;
}
