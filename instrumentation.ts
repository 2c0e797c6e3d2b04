export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this too; it must never open the database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootServer } = await import("./server-boot");
  await bootServer();
}
