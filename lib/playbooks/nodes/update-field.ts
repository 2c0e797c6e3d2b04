import { and, eq } from "drizzle-orm";
import { contacts } from "@/db/schema";
import { recordActivity } from "../../activity/record";
import { LIFECYCLE_STAGES, type LifecycleStage } from "../../customers/lifecycle";
import type { NodeExecutor } from "../runner/types";
import { actedBy } from "../../actors";
import { runActor } from "../runner/system-ctx";

export const runUpdateField: NodeExecutor<"update_field"> = (rt) =>
  rt.act(rt.node.id, async (db) =>
    db.transaction(async (tx) => {
      const { field, value } = rt.node.config;
      if (field === "lifecycleStage" && !LIFECYCLE_STAGES.includes(value as LifecycleStage)) {
        await rt.log(tx, { key: rt.node.id, status: "failed", detail: `“${value}” is not a lifecycle stage` });
        return null;
      }
      const [before] = await tx
        .select({ v: contacts[field] })
        .from(contacts)
        .where(and(eq(contacts.id, rt.run.contactId), eq(contacts.orgId, rt.run.orgId)))
        .for("update");
      await tx
        .update(contacts)
        .set({ [field]: value, updatedAt: new Date() })
        .where(and(eq(contacts.id, rt.run.contactId), eq(contacts.orgId, rt.run.orgId)));
      await recordActivity(tx, {
        orgId: rt.run.orgId,
        contactId: rt.run.contactId,
        type: "playbook.field_updated",
        ...actedBy(runActor(rt.run)),
        data: { field, from: before?.v ?? null, to: value },
      });
      await rt.log(tx, { key: rt.node.id, status: "done", detail: `set ${field} to ${value ?? "empty"}` });
      return null;
    }),
  );
