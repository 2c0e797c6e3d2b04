import "server-only";
import { csvLine } from "../customers/csv";
import { createFormatter, type FormatSettings } from "../format";
import type { Ctx } from "../context";
import { allAuditEntries } from "./query";
import { changeSummary } from "./view";

const HEADER = [
  "Time (UTC)",
  "Time (organisation)",
  "Actor",
  "Actor key",
  "Action",
  "Action label",
  "Record type",
  "Record id",
  "Record",
  "Changes",
  "Before",
  "After",
  "Details",
  "IP",
  "User agent",
];

/**
 * The filtered log as CSV lines, a page at a time. Every cell goes through csvCell, so a name
 * like `=HYPERLINK(…)` arrives as text, never as a formula.
 */
export async function* auditCsvLines(ctx: Ctx, filters: unknown, org: FormatSettings): AsyncGenerator<string> {
  const format = createFormatter(org, { viewerTimeZone: org.timeZone });
  let first = true;
  for await (const entries of allAuditEntries(ctx, filters)) {
    let chunk = first ? csvLine(HEADER) : "";
    first = false;
    for (const e of entries)
      chunk += csvLine([
        e.createdAt.toISOString(),
        format.dateTime(e.createdAt),
        e.actorName,
        e.actorKey,
        e.action,
        e.actionLabel,
        e.targetType,
        e.targetId,
        e.targetLabel,
        changeSummary(e),
        e.before ? JSON.stringify(e.before) : "",
        e.after ? JSON.stringify(e.after) : "",
        Object.keys(e.data).length ? JSON.stringify(e.data) : "",
        e.ip,
        e.userAgent,
      ]);
    yield chunk;
  }
}
