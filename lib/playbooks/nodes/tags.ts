import { and, eq } from "drizzle-orm";
import { contactTags, tags } from "@/db/schema";
import { recordActivity } from "../../activity/record";
import { emitEvent } from "../../events/emit";
import type { NodeExecutor } from "../runner/types";
import { actedBy } from "../../actors";
import { runActor } from "../runner/system-ctx";

const COLOR = "#4b5563";

export const runAddTag: NodeExecutor<"add_tag"> = (rt) =>
  rt.act(rt.node.id, async (db) =>
    db.transaction(async (tx) => {
      const name = rt.node.config.tag;
      await tx.insert(tags).values({ orgId: rt.run.orgId, name, color: COLOR }).onConflictDoNothing();
      const [tag] = await tx
        .select()
        .from(tags)
        .where(and(eq(tags.orgId, rt.run.orgId), eq(tags.name, name)))
        .limit(1);
      const added = await tx
        .insert(contactTags)
        .values({ orgId: rt.run.orgId, contactId: rt.run.contactId, tagId: tag!.id })
        .onConflictDoNothing()
        .returning();
      if (added.length) {
        await recordActivity(tx, {
          orgId: rt.run.orgId,
          contactId: rt.run.contactId,
          type: "tag.added",
          ...actedBy(runActor(rt.run)),
          data: { name, color: tag!.color, by: "playbook" },
        });
        await emitEvent(tx, "crm/tag.added", {
          orgId: rt.run.orgId,
          contactId: rt.run.contactId,
          tagId: tag!.id,
          tagName: name,
          actorId: null,
        });
      }
      await rt.log(tx, {
        key: rt.node.id,
        status: added.length ? "done" : "skipped",
        detail: added.length ? `tagged “${name}”` : `already tagged “${name}”`,
      });
      return null;
    }),
  );

export const runRemoveTag: NodeExecutor<"remove_tag"> = (rt) =>
  rt.act(rt.node.id, async (db) =>
    db.transaction(async (tx) => {
      const name = rt.node.config.tag;
      const [tag] = await tx
        .select()
        .from(tags)
        .where(and(eq(tags.orgId, rt.run.orgId), eq(tags.name, name)))
        .limit(1);
      const removed = tag
        ? await tx
            .delete(contactTags)
            .where(
              and(
                eq(contactTags.orgId, rt.run.orgId),
                eq(contactTags.contactId, rt.run.contactId),
                eq(contactTags.tagId, tag.id),
              ),
            )
            .returning()
        : [];
      if (removed.length)
        await recordActivity(tx, {
          orgId: rt.run.orgId,
          contactId: rt.run.contactId,
          type: "tag.removed",
          ...actedBy(runActor(rt.run)),
          data: { name, by: "playbook" },
        });
      await rt.log(tx, {
        key: rt.node.id,
        status: removed.length ? "done" : "skipped",
        detail: removed.length ? `removed tag “${name}”` : `was not tagged “${name}”`,
      });
      return null;
    }),
  );
