import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { playbookVersions } from "@/db/schema";
import { getEditorState, publishEditorDraft, saveEditorDraft } from "@/lib/playbooks/drafts";
import { getPublishPreview } from "@/lib/playbooks/canvas-views";
import { deleteNode } from "@/lib/playbooks/editor/graph-ops";
import { diffVersions } from "@/lib/playbooks/editor/diff";
import { makeContact } from "../email/fixtures";
import { event, messagesTo, playbookByKey, playbookOrg, runsOf, setupPlaybookHarness } from "../playbooks/fixtures";
import { setupTestDb } from "./helpers";

const db = setupTestDb();
const h = setupPlaybookHarness(db);

describe("publishing from the editor while runs are under way", () => {
  it("the preview counts the runs on the live version; a sleeping run finishes on its version, new runs start on the new one", async () => {
    const o = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "payment_failed_rescue");
    await h().send(event("crm/payment.failed", o.orgId, o.contact.id, `inv-${randomUUID()}`));
    await h().settle();
    const [run] = await runsOf(db(), o.orgId, o.contact.id);
    expect(run).toMatchObject({ status: "active", versionId: pb.currentVersionId });
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(1);

    // While it sleeps for a day, the owner drops the 20% offer email and publishes.
    const opened = await getEditorState(o.owner.ctx, pb.id);
    const edited = deleteNode(opened.graph, "offer-20");
    const { revision } = await saveEditorDraft(o.owner.ctx, pb.id, { graph: edited, baseRevision: 0 });
    const preview = await getPublishPreview(o.owner.ctx, pb.id);
    expect(preview.runsInFlight).toBe(1);
    expect(preview.live?.number).toBe(1);
    const diff = diffVersions(preview.live!.graph, edited);
    expect(diff.removed).toEqual(["offer-20"]);
    expect(diff.changed).toEqual([
      {
        id: "code-20",
        status: "changed",
        changes: [{ field: "next", before: "offer-20", after: "wait-48h" }],
      },
    ]);
    const v2 = await publishEditorDraft(o.owner.ctx, pb.id, { baseRevision: revision });
    expect(v2.number).toBe(2);
    // The new version is immutable and live; nothing is in flight on it yet.
    expect(await getPublishPreview(o.owner.ctx, pb.id)).toMatchObject({ runsInFlight: 0, live: { number: 2 } });

    // A day later the sleeping run wakes on version 1: the offer it started with is still sent.
    await h().advance("24h");
    const mail = await messagesTo(db(), o.orgId, o.contact.id);
    expect(mail.map((m) => m.subject)).toHaveLength(2);
    expect(mail[1]!.text).toMatch(/code TEND-[A-Z0-9]{8} for 20% off/);
    const [still] = await runsOf(db(), o.orgId, o.contact.id);
    expect(still!.versionId).toBe(pb.currentVersionId);

    // A customer starting now runs version 2: after the day's wait, no offer email.
    const other = await makeContact(db(), o.orgId, { ownerId: o.owner.id });
    await h().send(event("crm/payment.failed", o.orgId, other.id, `inv-${randomUUID()}`));
    await h().settle();
    const [newRun] = await runsOf(db(), o.orgId, other.id);
    const [v2row] = await db()
      .select({ id: playbookVersions.id })
      .from(playbookVersions)
      .where(and(eq(playbookVersions.playbookId, pb.id), eq(playbookVersions.number, 2)));
    expect(newRun!.versionId).toBe(v2row!.id);
    await h().advance("24h");
    expect(await messagesTo(db(), o.orgId, other.id)).toHaveLength(1);
  });
});
