import { followUps } from "@/db/schema";
import { recordActivity } from "../../activity/record";
import type { NodeExecutor } from "../runner/types";
import { ownersFor } from "./recipients";
import { actedBy } from "../../actors";
import { runActor } from "../runner/system-ctx";

/** A follow-up in the same table reps already work from (My follow-ups), due at the end of the day N days ahead. */
export const runCreateTask: NodeExecutor<"create_task"> = (rt) =>
  rt.act(rt.node.id, async (db) =>
    db.transaction(async (tx) => {
      const [assignee] = await ownersFor(tx, rt.run.orgId, rt.run.contactId, rt.node.config.assignee);
      if (!assignee) {
        await rt.log(tx, { key: rt.node.id, status: "skipped", detail: "no active owner to assign the task to" });
        return null;
      }
      const due = new Date(rt.now().getTime() + rt.node.config.dueInDays * 86_400_000);
      const dueDate = due.toISOString().slice(0, 10);
      const [task] = await tx
        .insert(followUps)
        .values({
          orgId: rt.run.orgId,
          contactId: rt.run.contactId,
          assigneeId: assignee.id,
          title: rt.node.config.title,
          dueAt: new Date(`${dueDate}T23:59:59.999Z`),
        })
        .returning({ id: followUps.id });
      await recordActivity(tx, {
        orgId: rt.run.orgId,
        contactId: rt.run.contactId,
        type: "follow_up.created",
        ...actedBy(runActor(rt.run)),
        subjectType: "follow_up",
        subjectId: task!.id,
        data: { title: rt.node.config.title, due: dueDate, by: "playbook" },
      });
      await rt.log(tx, {
        key: rt.node.id,
        status: "done",
        detail: `follow-up “${rt.node.config.title}” for ${assignee.name}, due ${dueDate}`,
        data: { followUpId: task!.id },
      });
      return null;
    }),
  );
