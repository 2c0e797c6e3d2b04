import type { GraphNode } from "@/lib/playbooks/graph.schema";
import { conditionsOf } from "@/lib/segments/criteria.schema";

/** One line describing a node, for the read-only graph and the run timeline. */
export function nodeSummary(
  n: GraphNode,
  templates: Map<string, string> = new Map(),
): { title: string; detail: string } {
  switch (n.type) {
    case "send_email":
      return {
        title: "Send email",
        detail: `${templates.get(n.config.templateId) ?? "template"} · ${n.config.category}${n.config.category === "marketing" && n.config.topicKey ? ` · ${n.config.topicKey}` : ""}`,
      };
    case "wait":
      return { title: "Wait", detail: `${n.config.amount} ${n.config.unit}` };
    case "wait_until":
      return {
        title: "Wait until",
        detail:
          n.config.mode === "weekday_time"
            ? `${n.config.weekday == null ? "any day" : ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][n.config.weekday]} ${n.config.time} (contact's zone)`
            : `${n.config.field} ${n.config.offsetDays >= 0 ? "+" : ""}${n.config.offsetDays} d at ${n.config.time}`,
      };
    case "branch":
      return { title: "Branch", detail: conditionText(n.config.condition) };
    case "wait_for_event":
      return { title: "Wait for event", detail: `${n.config.event} (≤ ${n.config.timeoutHours} h)` };
    case "add_tag":
      return { title: "Add tag", detail: n.config.tag };
    case "remove_tag":
      return { title: "Remove tag", detail: n.config.tag };
    case "update_field":
      return { title: "Update field", detail: `${n.config.field} = ${n.config.value ?? "empty"}` };
    case "create_discount":
      return {
        title: "Discount code",
        detail: `${n.config.kind === "percent" ? `${n.config.value}%` : `${(n.config.value / 100).toFixed(2)} off`}${n.config.validDays ? `, ${n.config.validDays} days` : ""}${n.config.singleUse ? ", single use" : ""}`,
      };
    case "notify_owner":
      return { title: "Notify owner", detail: n.config.title };
    case "create_task":
      return { title: "Follow-up task", detail: `${n.config.title} (due in ${n.config.dueInDays} d)` };
    case "webhook":
      return { title: "Webhook", detail: n.config.url };
    case "exit":
      return { title: "Exit", detail: "" };
  }
}

function conditionText(c: Extract<GraphNode, { type: "branch" }>["config"]["condition"]): string {
  switch (c.kind) {
    case "field":
      return `${c.field} ${c.op} ${c.value ?? ""}`.trim();
    case "tag":
      return `${c.has ? "has" : "lacks"} tag ${c.tag}`;
    case "lifecycle":
      return `stage in ${c.stages.join(", ")}`;
    case "score":
      return `score ${c.op === "gt" ? ">" : "<"} ${c.value}`;
    case "opened_previous_email":
      return "opened the previous email";
    case "clicked_previous_email":
      return "clicked the previous email";
    case "random":
      return `random ${c.percent}% yes`;
    case "criteria": {
      const n = conditionsOf(c.criteria).length;
      return `matches ${n === 1 ? "1 condition" : `${c.criteria.match} of ${n} conditions`}`;
    }
  }
}
