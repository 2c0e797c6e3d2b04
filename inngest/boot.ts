import { getDb, getDbHandle } from "@/db/client";
import { startRelay } from "@/lib/events/relay";
import { inngest } from "./client";
import { Executor, runningExecutor, setRunningExecutor } from "./local/executor";
import { currentTarget } from "./target";

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
    });
    setRunningExecutor(executor);
    await executor.start({ sync: false });
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
