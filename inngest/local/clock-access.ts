/** The clock may be moved outside production only (the e2e suite opts in with TEND_ALLOW_CLOCK=1). */
export function clockAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV !== "production" || env.TEND_ALLOW_CLOCK === "1";
}
