import { contactEventLabel } from "../api-events/labels";
import { createFormatter, type Formatter } from "../format/formatter";

/**
 * How each timeline entry type reads, keyed by its namespaced type. Other domains register theirs
 * with registerTimelineRenderer; an unknown type still renders through the fallback. Output is
 * plain text: the UI never interprets it as HTML.
 */
export type RenderedEntry = { title: string; detail?: string; body?: string; tone?: "default" | "note" | "system" };
type Renderer = (data: Record<string, unknown>, format: Formatter) => RenderedEntry;

// Used only when a caller has no organisation formatter to hand (tests, scripts).
const plainFormat = createFormatter({ locale: "en-US", timeZone: "UTC", currency: "USD" });

const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));
const stageLabel = (v: unknown) => str(v).replace(/_/g, " ");

const registry = new Map<string, Renderer>();

export function registerTimelineRenderer(type: string, render: Renderer) {
  registry.set(type, render);
}

export function renderTimelineEntry(
  type: string,
  data: Record<string, unknown>,
  format: Formatter = plainFormat,
): RenderedEntry {
  const render = registry.get(type);
  if (render) return render(data, format);
  // Fallback: "email.link_clicked" → "Email: link clicked", with a subject or title if the data has one.
  const [ns = type, ...rest] = type.split(".");
  const title = `${ns.charAt(0).toUpperCase()}${ns.slice(1).replace(/_/g, " ")}${rest.length ? `: ${rest.join(" ").replace(/_/g, " ")}` : ""}`;
  return { title, detail: str(data.subject ?? data.title ?? data.name ?? "") || undefined, tone: "system" };
}

function money(minor: unknown, format: Formatter, currency?: unknown) {
  if (typeof minor !== "number") return "";
  try {
    return format.money(minor, { cents: true, currency: typeof currency === "string" ? currency : undefined });
  } catch {
    return `${format.number(minor / 100)} ${String(currency)}`; // a currency code Intl does not know
  }
}

registerTimelineRenderer("interaction.logged", (d, f) => {
  const parts = [
    str(d.direction),
    d.durationMinutes ? `${str(d.durationMinutes)} min` : "",
    d.outcome ? `outcome: ${str(d.outcome)}` : "",
    d.amountMinor != null ? `amount ${money(d.amountMinor, f)}` : "",
  ].filter(Boolean);
  return {
    title: `${str(d.label) || "Interaction"}${d.subject ? ` — ${str(d.subject)}` : ""}`,
    detail: parts.join(" · "),
    body: str(d.notes) || undefined,
  };
});
registerTimelineRenderer("note.added", (d) => ({
  title: d.pinned ? "Pinned note" : d.private ? "Private note" : "Note",
  body: str(d.body),
  tone: "note",
}));
registerTimelineRenderer("follow_up.created", (d) => ({
  title: `Follow-up planned: ${str(d.title)}`,
  detail: d.due ? `due ${str(d.due)}` : undefined,
}));
registerTimelineRenderer("follow_up.completed", (d) => ({ title: `Follow-up done: ${str(d.title)}` }));
registerTimelineRenderer("tag.added", (d) => ({ title: `Tagged “${str(d.name)}”`, tone: "system" }));
registerTimelineRenderer("tag.removed", (d) => ({ title: `Untagged “${str(d.name)}”`, tone: "system" }));
registerTimelineRenderer("lifecycle.changed", (d) => ({
  title: `Lifecycle: ${stageLabel(d.from)} → ${stageLabel(d.to)}`,
  detail: str(d.reason) || undefined,
  tone: "system",
}));
registerTimelineRenderer("consent.changed", (d) => ({
  title: `Marketing consent: ${str(d.label ?? d.to)}`,
  tone: "system",
}));
registerTimelineRenderer("contact.created", (d) => ({
  title: d.source === "api" ? "Customer added (via API)" : "Customer added",
  tone: "system",
}));
registerTimelineRenderer("contact.imported", (d) => ({
  title: d.updated ? "Updated by an import" : "Added by an import",
  detail: str(d.fileName) || undefined,
  tone: "system",
}));
registerTimelineRenderer("contact.merged", (d) => ({
  title: `Merged with ${str(d.mergedName)}`,
  detail: str(d.mergedEmail) || undefined,
  tone: "system",
}));
registerTimelineRenderer("owner.changed", (d) => ({
  title: d.toName ? `Owner: ${str(d.toName)}` : "Owner changed",
  tone: "system",
}));
registerTimelineRenderer("lead.stage_changed", (d) => ({
  title: `Lead moved${d.from ? ` from ${stageLabel(d.fromName ?? d.from)}` : ""} to ${stageLabel(d.toName ?? d.to)}`,
  tone: "system",
}));
registerTimelineRenderer("api_event.received", (d, f) => {
  const props = (d.properties && typeof d.properties === "object" ? d.properties : {}) as Record<string, unknown>;
  const details = [
    typeof props.amountMinor === "number" ? `amount ${money(props.amountMinor, f, props.currency)}` : "",
    props.orderId != null ? `order ${str(props.orderId)}` : "",
    str(props.reason ?? props.plan ?? props.milestone ?? ""),
  ].filter(Boolean);
  return {
    title: `${contactEventLabel(str(d.name))} (via API)`,
    detail: details.join(" · ") || `event ${str(d.eventId)}`,
    tone: "system",
  };
});
registerTimelineRenderer("playbook.enrolled", (d) => ({
  title: `Entered playbook “${str(d.playbook)}”`,
  tone: "system",
}));
registerTimelineRenderer("playbook.ended", (d) => ({
  title: `Left playbook “${str(d.playbook)}”`,
  detail: str(d.reason) || undefined,
  tone: "system",
}));
registerTimelineRenderer("playbook.converted", (d, f) => ({
  title: `Converted in playbook “${str(d.playbook)}”`,
  detail:
    [str(d.reason), d.valueMinor != null ? `value ${money(d.valueMinor, f)}` : ""].filter(Boolean).join(" · ") ||
    undefined,
  tone: "system",
}));
registerTimelineRenderer("playbook.field_updated", (d) => ({
  title: `Playbook set ${str(d.field)}`,
  detail: `${str(d.from) || "empty"} → ${str(d.to) || "empty"}`,
  tone: "system",
}));

// Email (lib/email): one entry per message sent, suppressed, failed, opened (first), clicked, bounced…
const SUPPRESSED: Record<string, string> = {
  no_email: "no email address",
  bounced: "the address bounced",
  complained: "marked as spam before",
  do_not_contact: "do-not-contact",
  unsubscribed: "unsubscribed from all marketing",
  topic_unsubscribed: "unsubscribed from this topic",
  no_consent: "never agreed to marketing email",
};
registerTimelineRenderer("email.sent", (d) => ({
  title: `Email sent: ${str(d.subject)}`,
  detail: d.category === "marketing" ? `marketing${d.topicKey ? ` · ${str(d.topicKey)}` : ""}` : "transactional",
}));
registerTimelineRenderer("email.suppressed", (d) => ({
  title: `Email not sent: ${str(d.subject)}`,
  detail: SUPPRESSED[str(d.reason)] ?? str(d.reason),
  tone: "system",
}));
registerTimelineRenderer("email.failed", (d) => ({
  title: `Email failed: ${str(d.subject)}`,
  detail: str(d.reason) || undefined,
  tone: "system",
}));
registerTimelineRenderer("email.opened", (d) => ({ title: `Opened email: ${str(d.subject)}`, tone: "system" }));
registerTimelineRenderer("email.clicked", (d) => ({
  title: `Clicked a link in: ${str(d.subject)}`,
  detail: str(d.url) || undefined,
  tone: "system",
}));
registerTimelineRenderer("email.bounced", (d) => ({
  title: `Email bounced: ${str(d.subject)}`,
  detail: `${str(d.email)} will not be emailed again`,
  tone: "system",
}));
registerTimelineRenderer("email.complained", (d) => ({
  title: `Marked an email as spam: ${str(d.subject)}`,
  detail: "no more marketing email to this address",
  tone: "system",
}));
const via = (v: unknown) =>
  v === "one_click"
    ? "one-click unsubscribe in their mail app"
    : v === "page"
      ? "email preference page"
      : v === "staff"
        ? "changed by staff"
        : "";
registerTimelineRenderer("email.unsubscribed", (d) => ({
  title: d.topicKey ? `Unsubscribed from ${str(d.topicName ?? d.topicKey)}` : "Unsubscribed from all marketing email",
  detail: via(d.via) || undefined,
  tone: "system",
}));
registerTimelineRenderer("email.resubscribed", (d) => ({
  title: d.topicKey ? `Resubscribed to ${str(d.topicName ?? d.topicKey)}` : "Resubscribed to marketing email",
  detail: via(d.via) || undefined,
  tone: "system",
}));
registerTimelineRenderer("email.do_not_contact", (d) => ({
  title: d.on ? "Marked do-not-contact: no marketing email" : "Do-not-contact lifted",
  tone: "system",
}));
