import { createHash } from "node:crypto";

/** A batch's idempotency key: the same members (in any order) always give the same key. */
export function batchKey(messageIds: string[]): string {
  return `batch-${createHash("sha256")
    .update([...messageIds].sort().join(","))
    .digest("hex")
    .slice(0, 40)}`;
}
