import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { ZodError } from "zod";
import { auditEvents } from "@/db/schema";
import { updatePlaybookDetails } from "@/lib/playbooks/playbooks";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { playbookByKey, playbookOrg } from "../playbooks/fixtures";
import { setupTestDb } from "./helpers";

const db = setupTestDb();

const details = {
  name: "Trial ending (edited)",
  description: "Shorter",
  marketing: false,
  reentry: "after_days",
  reentryDays: "30",
  exitEvents: [
    { event: "crm/payment.succeeded", converts: true },
    { event: "crm/tag.added", converts: false },
  ],
};

describe("playbook settings form", () => {
  it("an owner saves every setting but the trigger, which stays as stored; the change is audited", async () => {
    const o = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "trial_ending");
    await updatePlaybookDetails(o.owner.ctx, pb.id, details);
    const saved = await playbookByKey(db(), o.orgId, "trial_ending");
    expect(saved).toMatchObject({
      name: "Trial ending (edited)",
      description: "Shorter",
      marketing: false,
      reentry: "after_days",
      reentryDays: 30,
      trigger: pb.trigger,
      triggerSegmentId: null,
      status: pb.status,
    });
    expect(saved.exitEvents).toEqual(details.exitEvents);
    const audit = await db()
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.orgId, o.orgId),
          eq(auditEvents.targetId, pb.id),
          eq(auditEvents.action, "playbook.updated"),
        ),
      );
    expect(audit).toHaveLength(1);

    // Days only count for "after N days"; an empty box is no number.
    await updatePlaybookDetails(o.owner.ctx, pb.id, { ...details, reentry: "never", reentryDays: "" });
    expect(await playbookByKey(db(), o.orgId, "trial_ending")).toMatchObject({ reentry: "never", reentryDays: null });
  });

  it("invalid input names its field and saves nothing", async () => {
    const o = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "trial_ending");
    const issues = async (input: unknown) => {
      const error = await updatePlaybookDetails(o.owner.ctx, pb.id, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ZodError);
      return (error as ZodError).issues.map((i) => [i.path.join("."), i.message]);
    };
    expect(await issues({ ...details, name: "   " })).toEqual([["name", "Enter a name"]]);
    expect(await issues({ ...details, reentryDays: "" })).toEqual([["reentryDays", "Enter the number of days"]]);
    expect(
      await issues({ ...details, exitEvents: [...details.exitEvents, { event: "crm/tag.added", converts: true }] }),
    ).toEqual([["exitEvents.2.event", "This event is listed already"]]);
    expect(await issues({ ...details, exitEvents: [{ event: "crm/contact.created", converts: false }] })).toEqual([
      ["exitEvents.0.event", "Choose an event"],
    ]);
    expect(
      await issues({ ...details, exitEvents: Array.from({ length: 11 }, () => ({ event: "crm/tag.added" })) }),
    ).toContainEqual(["exitEvents", "At most 10 exit events"]);
    const after = await playbookByKey(db(), o.orgId, "trial_ending");
    expect(after).toMatchObject({
      name: pb.name,
      description: pb.description,
      marketing: pb.marketing,
      reentry: pb.reentry,
      exitEvents: pb.exitEvents,
    });
  });

  it("a rep or staff member cannot change settings; another organisation's playbook reads as not found", async () => {
    const o = await playbookOrg(db());
    const other = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "trial_ending");
    for (const who of [o.rep, o.staff]) {
      await expect(updatePlaybookDetails(who.ctx, pb.id, details)).rejects.toThrow(ForbiddenError);
    }
    await expect(updatePlaybookDetails(other.owner.ctx, pb.id, details)).rejects.toThrow(NotFoundError);
    expect((await playbookByKey(db(), o.orgId, "trial_ending")).name).toBe(pb.name);
  });
});
