import type { GraphNode, NodeType } from "@/lib/playbooks/graph.schema";
import type { DraftNode } from "@/lib/playbooks/editor/graph-ops";
import { nodeSummary } from "../node-summary";

/** What each step type looks like in the palette, on the canvas and in the outline. */
export const NODE_META: Record<NodeType, { title: string; icon: string; hint: string; tone: string }> = {
  send_email: {
    title: "Send email",
    icon: "✉",
    hint: "An email from one of your templates",
    tone: "bg-sky-50 text-sky-800",
  },
  wait: { title: "Wait", icon: "⏳", hint: "Pause for minutes, hours or days", tone: "bg-amber-50 text-amber-800" },
  wait_until: {
    title: "Wait until",
    icon: "🕘",
    hint: "Until a weekday and time, or a customer's date",
    tone: "bg-amber-50 text-amber-800",
  },
  branch: {
    title: "Branch",
    icon: "⑂",
    hint: "Yes/no on a condition, or a random split",
    tone: "bg-violet-50 text-violet-800",
  },
  wait_for_event: {
    title: "Wait for event",
    icon: "⚡",
    hint: "Until something happens, or a timeout",
    tone: "bg-violet-50 text-violet-800",
  },
  add_tag: { title: "Add tag", icon: "🏷", hint: "Tag the customer", tone: "bg-emerald-50 text-emerald-800" },
  remove_tag: { title: "Remove tag", icon: "🏷", hint: "Remove a tag", tone: "bg-emerald-50 text-emerald-800" },
  update_field: {
    title: "Update field",
    icon: "✎",
    hint: "Set a customer field",
    tone: "bg-emerald-50 text-emerald-800",
  },
  create_discount: {
    title: "Discount code",
    icon: "🎟",
    hint: "A code for {{discount.code}} in later emails",
    tone: "bg-rose-50 text-rose-800",
  },
  notify_owner: {
    title: "Notify owner",
    icon: "🔔",
    hint: "Tell the customer's owner",
    tone: "bg-slate-100 text-slate-800",
  },
  create_task: {
    title: "Follow-up task",
    icon: "✅",
    hint: "A task for a teammate",
    tone: "bg-slate-100 text-slate-800",
  },
  webhook: { title: "Webhook", icon: "🔗", hint: "POST the run to a URL", tone: "bg-slate-100 text-slate-800" },
  exit: { title: "Exit", icon: "⏹", hint: "End the run here", tone: "bg-slate-100 text-slate-800" },
};

/** One line about a step; an incomplete draft step still gets a line. */
export function draftSummary(n: DraftNode, templates: Map<string, string>): string {
  try {
    const s = nodeSummary(n as GraphNode, templates).detail;
    if (n.type === "branch" && (n.config.condition as { kind?: string } | undefined)?.kind === "random")
      return "Random split";
    return s;
  } catch {
    return "Not set up yet";
  }
}

/** A primary button with AA contrast (white on brand-600 is 3.8:1, under 4.5; brand-700 is 5.5:1). */
export const STRONG =
  "inline-flex items-center justify-center rounded-md bg-brand-700 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-800 disabled:opacity-60";
