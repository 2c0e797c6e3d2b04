/**
 * Whether the executor clock may be moved. Production (NODE_ENV=production with PostgreSQL)
 * refuses; `npm start` on the embedded database is a local try-out and allows it.
 * TEND_ALLOW_CLOCK=0|1 overrides either way.
 */
export function clockAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.TEND_ALLOW_CLOCK === "0") return false;
  if (env.TEND_ALLOW_CLOCK === "1") return true;
  if (env.NODE_ENV !== "production") return true;
  return !env.DATABASE_URL?.trim();
}
