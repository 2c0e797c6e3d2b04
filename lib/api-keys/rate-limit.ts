/**
 * A token bucket per key, in this process's memory: cheap protection against a runaway client.
 * With several app processes each allows the full rate; the database is never touched for it.
 */
export const API_RATE = { burst: 60, perSecond: 20 } as const;

type Bucket = { tokens: number; at: number };
const buckets = new Map<string, Bucket>();

/** Returns 0 when the call may go ahead, else the seconds to wait before the next one. */
export function takeApiToken(
  keyId: string,
  now = Date.now(),
  rate: { burst: number; perSecond: number } = API_RATE,
): number {
  const bucket = buckets.get(keyId) ?? { tokens: rate.burst, at: now };
  bucket.tokens = Math.min(rate.burst, bucket.tokens + ((now - bucket.at) / 1000) * rate.perSecond);
  bucket.at = now;
  buckets.set(keyId, bucket);
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return 0;
  }
  return Math.ceil((1 - bucket.tokens) / rate.perSecond);
}
