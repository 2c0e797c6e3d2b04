import { getDb } from "./client";
import { isEmbeddedDefault } from "./config";
import { seedDemoOnce } from "./seed/demo";

/** The demo workspace comes with the embedded default; on PostgreSQL only when asked for. */
export function shouldSeedDemo(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.TEND_DEMO === "1") return true;
  if (env.TEND_DEMO === "0") return false;
  return isEmbeddedDefault(env) && !env.PGLITE_DIR?.startsWith("memory://");
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
      const outcome = await seedDemoOnce(db);
      if (outcome === "created")
        console.log(`[tend] Created the demo workspace (Demo Co) in ${Date.now() - started} ms.`);
    }
  })();
  g[bootKey].catch(() => {
    delete g[bootKey];
  });
  return g[bootKey];
}
