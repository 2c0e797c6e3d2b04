export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this too; it must never open the database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootDatabase } = await import("./db/boot");
  const { DatabaseLockedError } = await import("./db/pglite-lock");
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
  const { startInngestRuntime } = await import("./inngest/boot");
  await startInngestRuntime();
}
