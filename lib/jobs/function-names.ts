/**
 * What each background function does, in words, for the runs console. Keyed by the function's
 * own id; the executor stores it prefixed with the app id ("tend-segments-refresh-on-change").
 */
export const FUNCTION_NAMES: Record<string, string> = {
  "campaign-send": "Send a campaign",
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
// The SDK serves a function's onFailure handler as a function of its own, "<id>-failure".
const FAILURE_SUFFIX = "-failure";

/** "Refresh segments after a change" for "tend-segments-refresh-on-change", a failure handler by its function; an unknown id as it is. */
export function functionName(functionId: string): string {
  const own = functionId.startsWith(APP_PREFIX) ? functionId.slice(APP_PREFIX.length) : functionId;
  if (FUNCTION_NAMES[own]) return FUNCTION_NAMES[own];
  const base = own.endsWith(FAILURE_SUFFIX) ? FUNCTION_NAMES[own.slice(0, -FAILURE_SUFFIX.length)] : undefined;
  return base ? `${base}: record its failure` : functionId;
}
