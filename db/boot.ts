import { getDb } from "./client";
import { isEmbeddedDefault } from "./config";
import { seedDemoOnce } from "./seed/demo";

/** The demo workspace comes with the embedded default; on PostgreSQL only when asked for. */
export function shouldSeedDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.TEND_DEMO === "1") return true;
  if (env.TEND_DEMO === "0") return false;
  return isEmbeddedDefault(env) && !env.PGLITE_DIR?.startsWith("memory://");
}

/** Copies of the demo workspace made with it (TEND_DEMO_COPIES): one per parallel end-to-end worker. */
export function demoCopies(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.TEND_DEMO_COPIES ?? 0);
  if (!Number.isInteger(n) || n < 0 || n > 16)
    throw new Error(`TEND_DEMO_COPIES must be a whole number from 0 to 16, not "${env.TEND_DEMO_COPIES}"`);
  return n;
}

const bootKey = Symbol.for("tend.boot");
type GlobalWithBoot = typeof globalThis & { [bootKey]?: Promise<void> };

/** Opens the database (migrating it) and creates the demo workspace on first start. Once per process. */
export function bootDatabase(): Promise<void> {
  const g = globalThis as GlobalWithBoot;
  g[bootKey] ??= (async () => {
    const started = Date.now();
    const db = await getDb();
    if (shouldSeedDemo()) {
      const copies = demoCopies();
      const outcome = await seedDemoOnce(db, new Date(), copies);
      if (outcome === "created")
        console.log(
          `[tend] Created the demo workspace (Demo Co${copies ? ` and ${copies} ${copies === 1 ? "copy" : "copies"}` : ""}) in ${Date.now() - started} ms.`,
        );
    }
  })();
  g[bootKey].catch(() => {
    delete g[bootKey];
  });
  return g[bootKey];
}
