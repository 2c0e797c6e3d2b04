/**
 * How each timeline entry type reads, keyed by its namespaced type. Other domains register theirs
 * with registerTimelineRenderer; an unknown type still renders through the fallback. Output is
 * plain text: the UI never interprets it as HTML.
 */
export type RenderedEntry = { title: string; detail?: string; body?: string; tone?: "default" | "note" | "system" };
type Renderer = (data: Record<string, unknown>) => RenderedEntry;

const str = (v: unknown) => (typeof v === "string" ? v : v == null ? "" : String(v));
const stageLabel = (v: unknown) => str(v).replace(/_/g, " ");

const registry = new Map<string, Renderer>();

export function registerTimelineRenderer(type: string, render: Renderer) {
  registry.set(type, render);
}

export function renderTimelineEntry(type: string, data: Record<string, unknown>): RenderedEntry {
  const render = registry.get(type);
  if (render) return render(data);
  // Fallback: "email.link_clicked" → "Email: link clicked", with a subject or title if the data has one.
  const [ns = type, ...rest] = type.split(".");
  const title = `${ns.charAt(0).toUpperCase()}${ns.slice(1).replace(/_/g, " ")}${rest.length ? `: ${rest.join(" ").replace(/_/g, " ")}` : ""}`;
  return { title, detail: str(data.subject ?? data.title ?? data.name ?? "") || undefined, tone: "system" };
}

function money(minor: unknown) {
  return typeof minor === "number" ? (minor / 100).toFixed(2) : "";
}

registerTimelineRenderer("interaction.logged", (d) => {
  const parts = [str(d.direction), d.durationMinutes ? `${str(d.durationMinutes)} min` : "", d.outcome ? `outcome: ${str(d.outcome)}` : "", d.amountMinor != null ? `amount ${money(d.amountMinor)}` : ""].filter(Boolean);
  return { title: `${str(d.label) || "Interaction"}${d.subject ? ` — ${str(d.subject)}` : ""}`, detail: parts.join(" · "), body: str(d.notes) || undefined };
});
registerTimelineRenderer("note.added", (d) => ({ title: d.pinned ? "Pinned note" : d.private ? "Private note" : "Note", body: str(d.body), tone: "note" }));
registerTimelineRenderer("follow_up.created", (d) => ({ title: `Follow-up planned: ${str(d.title)}`, detail: d.due ? `due ${str(d.due)}` : undefined }));
registerTimelineRenderer("follow_up.completed", (d) => ({ title: `Follow-up done: ${str(d.title)}` }));
registerTimelineRenderer("tag.added", (d) => ({ title: `Tagged “${str(d.name)}”`, tone: "system" }));
registerTimelineRenderer("tag.removed", (d) => ({ title: `Untagged “${str(d.name)}”`, tone: "system" }));
registerTimelineRenderer("lifecycle.changed", (d) => ({ title: `Lifecycle: ${stageLabel(d.from)} → ${stageLabel(d.to)}`, detail: str(d.reason) || undefined, tone: "system" }));
registerTimelineRenderer("consent.changed", (d) => ({ title: `Marketing consent: ${str(d.label ?? d.to)}`, tone: "system" }));
registerTimelineRenderer("contact.created", () => ({ title: "Customer added", tone: "system" }));
registerTimelineRenderer("contact.imported", (d) => ({ title: d.updated ? "Updated by an import" : "Added by an import", detail: str(d.fileName) || undefined, tone: "system" }));
registerTimelineRenderer("contact.merged", (d) => ({ title: `Merged with ${str(d.mergedName)}`, detail: str(d.mergedEmail) || undefined, tone: "system" }));
registerTimelineRenderer("owner.changed", (d) => ({ title: d.toName ? `Owner: ${str(d.toName)}` : "Owner changed", tone: "system" }));
registerTimelineRenderer("lead.stage_changed", (d) => ({ title: `Lead moved${d.from ? ` from ${stageLabel(d.fromName ?? d.from)}` : ""} to ${stageLabel(d.toName ?? d.to)}`, tone: "system" }));
registerTimelineRenderer("playbook.enrolled", (d) => ({ title: `Entered playbook “${str(d.playbook)}”`, tone: "system" }));
registerTimelineRenderer("playbook.ended", (d) => ({ title: `Left playbook “${str(d.playbook)}”`, detail: str(d.reason) || undefined, tone: "system" }));
registerTimelineRenderer("playbook.converted", (d) => ({ title: `Converted in playbook “${str(d.playbook)}”`, detail: [str(d.reason), d.valueMinor != null ? `value ${money(d.valueMinor)}` : ""].filter(Boolean).join(" · ") || undefined, tone: "system" }));
registerTimelineRenderer("playbook.field_updated", (d) => ({ title: `Playbook set ${str(d.field)}`, detail: `${str(d.from) || "empty"} → ${str(d.to) || "empty"}`, tone: "system" }));
