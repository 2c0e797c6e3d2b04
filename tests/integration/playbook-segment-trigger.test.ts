import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, asc, eq, inArray } from "drizzle-orm";
import { contacts, eventOutbox, playbooks } from "@/db/schema";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createSegment, deleteSegment } from "@/lib/segments/segments";
import { updateContactDetails, toDetailsForm } from "@/lib/customers/contacts";
import { createPlaybook, setPlaybookStatus } from "@/lib/playbooks/playbooks";
import { setPlaybookTrigger } from "@/lib/playbooks/trigger";
import { publishDraft } from "@/lib/playbooks/versions";
import { linearGraph } from "@/lib/playbooks/graph.schema";
import { playbookFunctions } from "@/inngest/functions/playbooks";
import { refreshOnChange, refreshOnChangeConfig } from "@/inngest/functions/refresh-segments";
import { startHarness, testClient, type Harness } from "../executor/harness";
import { makeContact } from "../email/fixtures";
import { playbookByKey, playbookOrg, runsOf } from "../playbooks/fixtures";
import { setupTestDb } from "./helpers";
import { all, cond } from "./segment-fixtures";

const db = setupTestDb();
let h: Harness;
const handed = new Set<string>();
beforeAll(async () => {
  const made = testClient();
  h = await startHarness(db(), made, [
    ...playbookFunctions(made.client),
    made.client.createFunction(refreshOnChangeConfig, refreshOnChange as never),
  ]);
});
afterAll(async () => {
  await h?.close();
});

/** The relay's job for one organisation, done by hand (other files share the outbox on PostgreSQL). */
async function relay(orgId: string, names: string[]) {
  const rows = await db()
    .select()
    .from(eventOutbox)
    .where(and(eq(eventOutbox.orgId, orgId), inArray(eventOutbox.name, names)))
    .orderBy(asc(eventOutbox.createdAt));
  const fresh = rows.filter((r) => !handed.has(r.id));
  fresh.forEach((r) => handed.add(r.id));
  if (fresh.length) await h.send(fresh.map((r) => ({ id: r.id, name: r.name, data: r.data })));
  await h.settle();
}

async function moveTo(
  o: { staff: { ctx: Parameters<typeof updateContactDetails>[0] } },
  contactId: string,
  city: string,
) {
  const [row] = await db().select().from(contacts).where(eq(contacts.id, contactId));
  await updateContactDetails(o.staff.ctx, contactId, { ...toDetailsForm(row!), city });
}

const graph = linearGraph([{ id: "tag", type: "add_tag", config: { tag: "porto-welcome" } }]);

async function segmentPlaybook(
  o: Awaited<ReturnType<typeof playbookOrg>>,
  segmentId: string,
  name = "Welcome to Porto",
) {
  const pb = await createPlaybook(
    o.owner.ctx,
    { name, trigger: "crm/segment.entered", triggerSegmentId: segmentId, reentry: "never" },
    graph,
  );
  await publishDraft(o.owner.ctx, pb.id);
  await setPlaybookStatus(o.owner.ctx, pb.id, "active");
  return pb;
}

describe("playbooks triggered by entering a segment", () => {
  it("a customer whose change puts them in the segment is enrolled and the run goes through; others are not", async () => {
    const o = await playbookOrg(db(), {}, { city: "Lisbon" });
    const stays = await makeContact(db(), o.orgId, { city: "Lisbon" });
    const seg = await createSegment(o.owner.ctx, {
      name: "In Porto",
      criteria: all(cond("contact.city", "is", "Porto")),
    });
    const other = await createSegment(o.owner.ctx, {
      name: "In Faro",
      criteria: all(cond("contact.city", "is", "Faro")),
    });
    const pb = await segmentPlaybook(o, seg.id);
    await segmentPlaybook(o, other.id, "Welcome to Faro");

    await moveTo(o, o.contact.id, "Porto");
    await relay(o.orgId, ["crm/contact.updated"]);
    await h.advance("5s");
    await relay(o.orgId, ["crm/segment.entered"]);
    await h.settle();

    const runs = await runsOf(db(), o.orgId, o.contact.id);
    expect(runs.map((r) => [r.playbookId, r.status, r.triggerData.segmentId])).toEqual([[pb.id, "completed", seg.id]]);
    expect(await runsOf(db(), o.orgId, stays.id)).toEqual([]);
    // The runner announces the finished run, so segments on playbook participation follow.
    const done = await db()
      .select()
      .from(eventOutbox)
      .where(and(eq(eventOutbox.orgId, o.orgId), eq(eventOutbox.name, "crm/playbook_run.completed")));
    expect(done.map((e) => e.data.runId)).toEqual([runs[0]!.id]);
  });

  it("deleting a segment a playbook uses is refused, naming the playbook; after the trigger changes it can go", async () => {
    const o = await playbookOrg(db());
    const seg = await createSegment(o.owner.ctx, {
      name: "Regulars",
      criteria: all(cond("contact.total_visits", "gte", 5)),
    });
    const pb = await segmentPlaybook(o, seg.id, "Thank the regulars");
    const refused = deleteSegment(o.owner.ctx, seg.id);
    await expect(refused).rejects.toThrow(ConflictError);
    await expect(deleteSegment(o.owner.ctx, seg.id)).rejects.toThrow("playbook “Thank the regulars”");
    await setPlaybookTrigger(o.owner.ctx, pb.id, { trigger: "manual", triggerSegmentId: seg.id });
    const [row] = await db().select().from(playbooks).where(eq(playbooks.id, pb.id));
    expect(row).toMatchObject({ trigger: "manual", triggerSegmentId: null });
    await deleteSegment(o.owner.ctx, seg.id);
  });

  it("the trigger needs one of the organisation's segments; only owners set it; another organisation's playbook is not found", async () => {
    const o = await playbookOrg(db());
    const other = await playbookOrg(db());
    const theirs = await createSegment(other.owner.ctx, {
      name: "Theirs",
      criteria: all(cond("contact.total_visits", "gte", 1)),
    });
    const ours = await createSegment(o.owner.ctx, {
      name: "Ours",
      criteria: all(cond("contact.total_visits", "gte", 1)),
    });
    const pb = await playbookByKey(db(), o.orgId, "winback");
    await expect(setPlaybookTrigger(o.owner.ctx, pb.id, { trigger: "crm/segment.entered" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["triggerSegmentId"], message: "Choose a segment" })],
    });
    await expect(
      setPlaybookTrigger(o.owner.ctx, pb.id, { trigger: "crm/segment.entered", triggerSegmentId: theirs.id }),
    ).rejects.toThrow(ValidationError);
    for (const who of [o.rep, o.staff])
      await expect(
        setPlaybookTrigger(who.ctx, pb.id, { trigger: "crm/segment.entered", triggerSegmentId: ours.id }),
      ).rejects.toThrow(ForbiddenError);
    await expect(
      setPlaybookTrigger(other.owner.ctx, pb.id, { trigger: "crm/segment.entered", triggerSegmentId: theirs.id }),
    ).rejects.toThrow(NotFoundError);
    await setPlaybookTrigger(o.owner.ctx, pb.id, { trigger: "crm/segment.entered", triggerSegmentId: ours.id });
    const [row] = await db().select().from(playbooks).where(eq(playbooks.id, pb.id));
    expect(row).toMatchObject({ trigger: "crm/segment.entered", triggerSegmentId: ours.id });
  });
});
