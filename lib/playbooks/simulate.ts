import "server-only";
import { z } from "zod";
import { and, eq, isNull } from "drizzle-orm";
import { organizations, playbookVersions } from "@/db/schema";
import type { Ctx } from "../context";
import { ConflictError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { loadContact } from "../customers/load";
import { entryNode, graphSchema, nextNode, type Graph, type GraphNode } from "./graph.schema";
import { effectiveQuietHours, frequencyCapDecision, quietHoursDecision } from "./quiet-hours";
import { recentMarketingSends } from "./send-guard";
import { waitUntilInstant } from "./nodes/wait-until";
import { evaluateCondition } from "./nodes/conditions";
import { formatDiscount } from "./discounts";
import { localLabel } from "./zoned-time";
import { loadPlaybook } from "./playbooks";
import { resolveCustomerZone, type ZoneResolution } from "../time-zones";
import { previewEmail } from "./simulate-email";
import { fillForPreview, simulatedValues, type SimDiscount } from "./simulate-tokens";
import { createFormatter } from "../format";

export type SimStep = {
  nodeId: string;
  type: GraphNode["type"];
  at: string;
  /** The step's moment for a reader: in the customer's zone, in the organisation's when it differs, and since the start (null at it). */
  when: { customer: string; organisation: string | null; sinceStart: string | null };
  kind: "sent" | "suppressed" | "skipped" | "deferred" | "waited" | "branch" | "action" | "exit";
  detail: string;
  assumption?: string;
  email?: { subject: string; text: string };
};

const UNIT_MS = { minutes: 60_000, hours: 3_600_000, days: 86_400_000 } as const;
const inputSchema = z.object({
  contactId: z.uuid("Choose a customer"),
  startAt: z.coerce.date({ error: "Enter a start time" }),
  // The editor simulates the draft being built; the playbook's page the current version.
  draft: z.boolean().default(false),
});

/**
 * The timeline a run would follow for this customer if it started at `startAt`, on the current
 * version (or the draft, for the owner building it): quiet-hour and cap deferrals, the branch
 * taken and what it assumed, rendered emails.
 * Reads only; nothing is sent or written.
 */
export async function simulateRun(
  ctx: Ctx,
  playbookId: unknown,
  input: unknown,
): Promise<{ version: number; draft: boolean; steps: SimStep[]; zone: ZoneResolution }> {
  requirePermission(ctx.actor, "playbooks:read");
  const { contactId, startAt, draft } = inputSchema.parse(input);
  if (draft) requirePermission(ctx.actor, "playbooks:manage");
  const pb = await loadPlaybook(ctx.db, ctx.orgId, playbookId);
  if (!draft && !pb.currentVersionId) throw new ConflictError("Publish a version to simulate it.");
  const [v] = await ctx.db
    .select()
    .from(playbookVersions)
    .where(
      and(
        draft
          ? and(eq(playbookVersions.playbookId, pb.id), isNull(playbookVersions.publishedAt))
          : eq(playbookVersions.id, pb.currentVersionId!),
        eq(playbookVersions.orgId, ctx.orgId),
      ),
    );
  if (!v) throw new ConflictError("There is no draft to simulate: change a step in the editor first.");
  if (draft && !graphSchema.safeParse(v.graph).success)
    throw new ConflictError(
      "The draft has problems to fix before it can be simulated (they are marked in the editor).",
    );
  const [org] = await ctx.db.select().from(organizations).where(eq(organizations.id, ctx.orgId));
  const contact = await loadContact(ctx.db, ctx.orgId, contactId);
  const q = effectiveQuietHours(org!, contact);
  const zone = resolveCustomerZone(contact.timeZone, org!.timeZone);
  const cap = { count: org!.frequencyCapCount, days: org!.frequencyCapDays };
  const sent = await recentMarketingSends(
    ctx.db,
    ctx.orgId,
    contact.id,
    new Date(startAt.getTime() - cap.days * 86_400_000),
  );
  const graph = v.graph as Graph;
  const steps: SimStep[] = [];
  let t = startAt;
  let discount: SimDiscount;
  // Each formatter names its zone when it differs from the other's, so two clocks are never confused.
  const settings = { locale: org!.locale, currency: org!.currency };
  const inCustomerZone = createFormatter({ ...settings, timeZone: q.zone }, { viewerTimeZone: org!.timeZone });
  const inOrgZone =
    q.zone === org!.timeZone
      ? null
      : createFormatter({ ...settings, timeZone: org!.timeZone }, { viewerTimeZone: q.zone });
  const push = (n: GraphNode, kind: SimStep["kind"], detail: string, extra: Partial<SimStep> = {}) =>
    steps.push({
      nodeId: n.id,
      type: n.type,
      at: t.toISOString(),
      when: {
        customer: inCustomerZone.dateTime(t),
        organisation: inOrgZone?.dateTime(t) ?? null,
        sinceStart: t > startAt ? inCustomerZone.duration(t.getTime() - startAt.getTime()) : null,
      },
      kind,
      detail,
      ...extra,
    });
  let node: GraphNode | null = entryNode(graph);
  for (let guard = 0; node && guard < 200; guard++) {
    let handle: string | null = null;
    const n: GraphNode = node;
    switch (n.type) {
      case "send_email": {
        let skipped = false;
        for (let i = 0; i < 6; i++) {
          const quiet = quietHoursDecision(q, t);
          if (quiet.kind === "defer") {
            if (n.config.onQuietHours === "skip") {
              push(n, "skipped", `not sent: inside ${quiet.reason}`);
              skipped = true;
              break;
            }
            push(n, "deferred", `deferred by ${quiet.reason} until ${quiet.label}`);
            t = quiet.until;
            continue;
          }
          const capped =
            n.config.category === "marketing" ? frequencyCapDecision(sent, t, cap) : { kind: "now" as const };
          if (capped.kind === "defer") {
            push(
              n,
              "deferred",
              `deferred by frequency cap (${cap.count} per ${cap.days} days) until ${localLabel(capped.until, q.zone, t)}`,
            );
            t = capped.until;
            continue;
          }
          break;
        }
        if (skipped) break;
        const email = await previewEmail(ctx.db, ctx.orgId, org!, n.config.templateId, contact, discount, n.config);
        if (email.suppressed) push(n, "suppressed", `would not be sent: ${email.suppressed}`, { email });
        else {
          push(n, "sent", `email sent (${n.config.category})`, { email });
          if (n.config.category === "marketing") sent.push(t);
        }
        break;
      }
      case "wait":
        t = new Date(t.getTime() + n.config.amount * UNIT_MS[n.config.unit]);
        push(n, "waited", `after waiting ${n.config.amount} ${n.config.unit}`);
        break;
      case "wait_until": {
        const until = waitUntilInstant(n.config, q.zone, t, contact);
        if (until && until > t) t = until;
        push(n, "waited", until ? "waited for the chosen time" : "no date to wait for: goes on at once");
        break;
      }
      case "branch": {
        const c = n.config.condition;
        if (c.kind === "opened_previous_email" || c.kind === "clicked_previous_email") {
          handle = "no";
          push(n, "branch", "took “no”", {
            assumption: `assumes the previous email is not ${c.kind === "opened_previous_email" ? "opened" : "clicked"}`,
          });
        } else if (c.kind === "random") {
          handle = c.percent >= 50 ? "yes" : "no";
          push(n, "branch", `took “${handle}”`, {
            assumption: `random split: assumes the larger share (${Math.max(c.percent, 100 - c.percent)}%)`,
          });
        } else {
          const out = await evaluateCondition(ctx.db, c, {
            orgId: ctx.orgId,
            runId: "00000000-0000-0000-0000-000000000000",
            contact,
            now: t,
          });
          handle = out.yes ? "yes" : "no";
          push(n, "branch", `took “${handle}”: ${out.why}`, { assumption: "the customer's data stays as it is now" });
        }
        break;
      }
      case "wait_for_event":
        t = new Date(t.getTime() + n.config.timeoutHours * 3_600_000);
        handle = "timed_out";
        push(n, "waited", `timed out waiting for ${n.config.event}`, {
          assumption: `assumes ${n.config.event} does not arrive`,
        });
        break;
      case "create_discount": {
        discount = {
          code: "SAMPLE-CODE",
          amount: formatDiscount(n.config.kind, n.config.value, org!.currency),
          expiresAt: n.config.validDays
            ? new Date(t.getTime() + n.config.validDays * 86_400_000).toISOString().slice(0, 10)
            : null,
        };
        push(
          n,
          "action",
          `a ${discount.amount} code would be created${discount.expiresAt ? `, valid until ${discount.expiresAt}` : ""}`,
        );
        break;
      }
      case "notify_owner": {
        const values = simulatedValues(contact, org!, discount);
        const title = fillForPreview(n.config.title, values);
        push(n, "action", `the owner would be notified: “${title}”`, {
          email: n.config.body ? { subject: title, text: fillForPreview(n.config.body, values) } : undefined,
        });
        break;
      }
      case "create_task":
        push(
          n,
          "action",
          `a follow-up “${fillForPreview(n.config.title, simulatedValues(contact, org!, discount))}” would be created`,
        );
        break;
      case "webhook":
        push(n, "action", `POST ${n.config.url}`);
        break;
      case "add_tag":
        push(n, "action", `tag “${n.config.tag}” would be added`);
        break;
      case "remove_tag":
        push(n, "action", `tag “${n.config.tag}” would be removed`);
        break;
      case "update_field":
        push(n, "action", `${n.config.field} would be set to ${n.config.value ?? "empty"}`);
        break;
      case "exit":
        push(n, "exit", "exit");
        node = null;
        continue;
    }
    node = nextNode(graph, n.id, handle);
  }
  return { version: v.number, draft, steps, zone };
}
