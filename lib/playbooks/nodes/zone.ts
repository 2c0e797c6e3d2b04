import type { DbOrTx } from "@/db/client";
import { effectiveQuietHours } from "../quiet-hours";
import { loadContactContext } from "../runner/run-state";
import type { RunInfo } from "../runner/types";

/** The contact's IANA zone, falling back to the organisation's. */
export async function contactZone(db: DbOrTx, run: RunInfo): Promise<string> {
  const c = await loadContactContext(db, run.orgId, run.contactId);
  return c ? effectiveQuietHours(c.org, c.contact).zone : "UTC";
}
