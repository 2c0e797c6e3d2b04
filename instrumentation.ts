export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // The client's address for the sign-in limit and the audit log (see lib/request-meta.ts).
  const { recordSocketAddresses } = await import("./lib/socket-address");
  recordSocketAddresses();
  // `next build` loads this too; it must never open the database.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { bootServer } = await import("./server-boot");
  await bootServer();
}
