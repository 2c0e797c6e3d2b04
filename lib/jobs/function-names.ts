/**
 * What each background function does, in words, for the runs console. Keyed by the function's
 * own id; the executor stores it prefixed with the app id ("tend-segments-refresh-on-change").
 */
export const FUNCTION_NAMES: Record<string, string> = {
  "contacts-import": "Import customers from a file",
  "contacts-lifecycle-sweep": "Update lifecycle stages (daily)",
  "email-retry-queued": "Retry emails waiting to be sent",
  "playbook-detectors": "Look for customers a playbook should start for (hourly)",
  "playbook-events": "Start playbooks from an event",
  "playbook-run": "Run a playbook for one customer",
  "recompute-lead-scores": "Recompute lead scores",
  "segments-refresh-daily": "Refresh every segment (daily)",
  "segments-refresh-on-change": "Refresh segments after a change",
  "segments-refresh-schedule": "Refresh time-based segments (hourly)",
};

const APP_PREFIX = "tend-";

/** "Refresh segments after a change" for "tend-segments-refresh-on-change"; an unknown id is shown as it is. */
export function functionName(functionId: string): string {
  const own = functionId.startsWith(APP_PREFIX) ? functionId.slice(APP_PREFIX.length) : functionId;
  return FUNCTION_NAMES[own] ?? functionId;
}
