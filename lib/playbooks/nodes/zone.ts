import { effectiveQuietHours } from "../quiet-hours";
import type { ContactContext } from "../runner/run-state";

/** The contact's IANA zone, falling back to the organisation's (UTC when the customer is gone). */
export function contextZone(c: ContactContext | null): string {
  return c ? effectiveQuietHours(c.org, c.contact).zone : "UTC";
}
