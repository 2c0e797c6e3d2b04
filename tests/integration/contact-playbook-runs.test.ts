import { describe, expect, it } from "vitest";
import { cancelRun, enrolContacts } from "@/lib/playbooks/runs-admin";
import { contactPlaybookRuns } from "@/lib/playbooks/queries";
import { NotFoundError } from "@/lib/errors";
import { makeContact } from "../email/fixtures";
import { playbookByKey, playbookOrg, runsOf } from "../playbooks/fixtures";
import { setupTestDb } from "./helpers";

const db = setupTestDb();

// Cancelling by a lesser role (forbidden) or another organisation (not found) is in playbooks.test.ts.
describe("a customer's playbook runs", () => {
  it("lists only this organisation's runs of this customer, active first; ended ones after", async () => {
    const o = await playbookOrg(db());
    const other = await playbookOrg(db());
    const second = await makeContact(db(), o.orgId);
    const [trial, nudge, winback] = await Promise.all(
      ["trial_ending", "inactivity_nudge", "winback"].map((k) => playbookByKey(db(), o.orgId, k)),
    );
    for (const pb of [trial!, nudge!, winback!])
      await enrolContacts(o.owner.ctx, pb.id, { contactIds: [o.contact.id] });
    await enrolContacts(o.owner.ctx, trial!.id, { contactIds: [second.id] });
    await enrolContacts(other.owner.ctx, (await playbookByKey(db(), other.orgId, "trial_ending")).id, {
      contactIds: [other.contact.id],
    });
    const nudgeRun = (await runsOf(db(), o.orgId, o.contact.id)).find((r) => r.playbookId === nudge!.id)!;
    await cancelRun(o.owner.ctx, nudgeRun.id);

    const runs = await contactPlaybookRuns(o.owner.ctx, o.contact.id);
    expect(runs.map((r) => r.status)).toEqual(["active", "active", "cancelled"]);
    expect(
      runs
        .slice(0, 2)
        .map((r) => r.playbookId)
        .sort(),
    ).toEqual([trial!.id, winback!.id].sort());
    expect(runs[2]).toMatchObject({ id: nudgeRun.id, endReason: "cancelled by an owner" });

    expect(await contactPlaybookRuns(o.owner.ctx, o.contact.id, 0)).toHaveLength(2);
    expect(await contactPlaybookRuns(other.owner.ctx, o.contact.id)).toEqual([]);
    expect(await contactPlaybookRuns(o.owner.ctx, other.contact.id)).toEqual([]);
    await expect(contactPlaybookRuns(o.owner.ctx, "not-a-uuid")).rejects.toThrow(NotFoundError);
    // Reps and staff read playbooks (issue 17), their runs on a customer included.
    for (const who of [o.rep, o.staff]) expect(await contactPlaybookRuns(who.ctx, o.contact.id, 0)).toHaveLength(2);
  });
});
