export type EventField = { label: string; value: string; at?: string };

/** "contactId" → "Contact id", "source_event_id" → "Source event id". */
function words(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function plain(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string" || typeof value === "number") return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number"))
    return value.length ? value.join(", ") : "—";
  return JSON.stringify(value);
}

/**
 * A trigger event as fields a person can read: its name, when it happened (`at`, for <When>), and
 * each piece of its data by a worded path ("Properties › Amount"), nested objects two levels deep.
 */
export function eventFields(event: unknown): EventField[] {
  if (!event || typeof event !== "object") return [];
  const e = event as { name?: unknown; ts?: unknown; data?: unknown };
  const out: EventField[] = [];
  if (typeof e.name === "string") out.push({ label: "Event", value: e.name });
  if (typeof e.ts === "number")
    out.push({ label: "Happened", value: new Date(e.ts).toISOString(), at: new Date(e.ts).toISOString() });
  const walk = (obj: Record<string, unknown>, path: string[]) => {
    for (const [key, value] of Object.entries(obj)) {
      const label = [...path, words(key)].join(" › ");
      if (value && typeof value === "object" && !Array.isArray(value) && path.length < 2)
        walk(value as Record<string, unknown>, [...path, words(key)]);
      else out.push({ label, value: plain(value) });
    }
  };
  if (e.data && typeof e.data === "object") walk(e.data as Record<string, unknown>, []);
  return out;
}
