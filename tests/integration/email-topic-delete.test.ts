import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { emailTopics, playbooks } from "@/db/schema";
import { createTemplate, updateTemplate } from "@/lib/email/templates";
import { createTopic, deleteTopic, listTopics } from "@/lib/email/topics";
import { createPlaybook } from "@/lib/playbooks/playbooks";
import { linearGraph } from "@/lib/playbooks/graph.schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { withEmailDefaults } from "../email/fixtures";
import { createTestOrg, setupTestDb } from "./helpers";

const db = setupTestDb();
const template = {
  name: "Seasonal offer",
  subject: "Spring",
  body: 'Hello {{contact.first_name | "there"}}',
  category: "marketing" as const,
  topicKey: "seasonal",
};

describe("deleting an email topic", () => {
  it("is refused, naming them, while a template or a playbook uses it; then it goes and the others stay", async () => {
    const o = await createTestOrg(db());
    await withEmailDefaults(db(), o.orgId);
    const { id: topicId } = await createTopic(o.owner.ctx, { key: "seasonal", name: "Seasonal", description: "" });
    const { id: templateId } = await createTemplate(o.owner.ctx, template);
    await expect(deleteTopic(o.owner.ctx, topicId)).rejects.toThrow(/template “Seasonal offer”/);

    await updateTemplate(o.owner.ctx, templateId, { ...template, topicKey: "promotions" });
    const pb = await createPlaybook(
      o.owner.ctx,
      { name: "Spring push", trigger: "crm/contact.created", reentry: "never" },
      linearGraph([
        {
          id: "mail",
          type: "send_email",
          config: { templateId, category: "marketing", topicKey: "seasonal", onQuietHours: "defer" },
        },
      ]),
    );
    await expect(deleteTopic(o.owner.ctx, topicId)).rejects.toThrow(ConflictError);
    await expect(deleteTopic(o.owner.ctx, topicId)).rejects.toThrow(/playbook “Spring push”/);

    // An archived playbook sends nothing any more.
    await db().update(playbooks).set({ status: "archived" }).where(eq(playbooks.id, pb.id));
    await deleteTopic(o.owner.ctx, topicId);
    expect((await listTopics(o.owner.ctx)).map((t) => t.key).sort()).toEqual([
      "newsletters",
      "promotions",
      "reminders",
    ]);
  });

  it("is for owners only, and only in their own organisation", async () => {
    const o = await createTestOrg(db());
    const other = await createTestOrg(db());
    await withEmailDefaults(db(), o.orgId);
    const [topic] = await db().select().from(emailTopics).where(eq(emailTopics.orgId, o.orgId)).limit(1);
    await expect(deleteTopic(o.rep.ctx, topic!.id)).rejects.toThrow(ForbiddenError);
    await expect(deleteTopic(o.staff.ctx, topic!.id)).rejects.toThrow(ForbiddenError);
    await expect(deleteTopic(other.owner.ctx, topic!.id)).rejects.toThrow(NotFoundError);
    expect(await db().select().from(emailTopics).where(eq(emailTopics.id, topic!.id))).toHaveLength(1);
  });
});
