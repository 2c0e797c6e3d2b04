import { bootDatabase } from "./db/boot";
import { DatabaseLockedError } from "./db/pglite-lock";
import { startInngestRuntime } from "./inngest/boot";

/** Everything the Node.js server needs before it answers: the database, then background work. */
export async function bootServer() {
  try {
    await bootDatabase();
  } catch (error) {
    // Serving without a database helps nobody: say why and stop.
    if (error instanceof DatabaseLockedError) {
      console.error(`\n[tend] ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  await startInngestRuntime();
}
