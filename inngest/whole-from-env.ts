/** A positive whole number (of milliseconds, of calls) from the environment, or undefined (the executor's default). */
export function wholeFromEnv(
  name: string,
  unit: string,
  env: Record<string, string | undefined> = process.env,
): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`${name} must be a positive whole number of ${unit}, got "${raw}".`);
  return n;
}
