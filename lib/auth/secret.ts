import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { DATA_DIR } from "@/db/config";

let cached: string | undefined;

/**
 * AUTH_SECRET signs sessions. Production on a real database must set it; the embedded default
 * generates one and keeps it in the data folder so sessions survive restarts.
 */
export function getAuthSecret(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.AUTH_SECRET?.trim();
  if (configured) return configured;
  if (cached) return cached;
  if (env.NODE_ENV === "production" && env.DATABASE_URL?.trim()) {
    throw new Error(
      "AUTH_SECRET is required in production with DATABASE_URL. Generate one with: openssl rand -base64 32",
    );
  }
  const file = path.join(DATA_DIR, "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(DATA_DIR, { recursive: true });
    cached = randomBytes(32).toString("base64url");
    writeFileSync(file, cached, { mode: 0o600 });
    console.warn(`[tend] AUTH_SECRET is not set: generated one and kept it in ${file}. Set AUTH_SECRET in production.`);
  }
  return cached;
}
