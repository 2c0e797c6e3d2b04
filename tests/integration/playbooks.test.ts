import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { relayOnce } from "@/lib/events/relay";
import { cancelRun, enrolContacts } from "@/lib/playbooks/runs-admin";
import { createPlaybook, setPlaybookStatus, updatePlaybookDetails } from "@/lib/playbooks/playbooks";
import { listVersions, publishDraft, restoreVersionAsDraft, saveDraft } from "@/lib/playbooks/versions";
import { redeemDiscountCode } from "@/lib/playbooks/discounts";
import { renderMetrics } from "@/lib/playbooks/metrics";
import { linearGraph } from "@/lib/playbooks/graph.schema";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { makeContact } from "../email/fixtures";
import { event, messagesTo, playbookByKey, setupPlaybookHarness, playbookOrg, runsOf } from "../playbooks/fixtures";
import { apiKeyTestCtx, setupTestDb } from "./helpers";

const db = setupTestDb();
const h = setupPlaybookHarness(db);

// Only the given organisation's rows: other files share the outbox on PostgreSQL.
const relay = (orgId: string) => relayOnce(db(), async (events) => h().send(events), 100, new Date(), orgId);
const settings = { name: "Welcome", trigger: "crm/contact.created", reentry: "never" };
const graph = linearGraph([{ id: "tag", type: "add_tag", config: { tag: "welcomed" } }]);

describe("playbook administration", () => {
  it("draft → publish → activate; an older version is restored as a draft", async () => {
    const o = await playbookOrg(db());
    const pb = await createPlaybook(o.owner.ctx, settings, graph);
    await expect(setPlaybookStatus(o.owner.ctx, pb.id, "active")).rejects.toThrow(ConflictError);
    await publishDraft(o.owner.ctx, pb.id);
    await saveDraft(o.owner.ctx, pb.id, linearGraph([{ id: "tag", type: "add_tag", config: { tag: "welcomed-v2" } }]));
    await publishDraft(o.owner.ctx, pb.id);
    const v1 = (await listVersions(o.owner.ctx, pb.id)).find((v) => v.number === 1)!;
    const restored = await restoreVersionAsDraft(o.owner.ctx, pb.id, v1.id);
    expect(restored.number).toBe(3);
    const versions = await listVersions(o.owner.ctx, pb.id);
    expect(versions.map((v) => [v.number, !!v.publishedAt, v.current])).toEqual([
      [3, false, false],
      [2, true, true],
      [1, true, false],
    ]);
    await setPlaybookStatus(o.owner.ctx, pb.id, "active");
  });

  it("a rep or staff member cannot manage playbooks; another organisation's playbook reads as not found", async () => {
    const o = await playbookOrg(db());
    const other = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "winback");
    for (const who of [o.rep, o.staff]) {
      await expect(setPlaybookStatus(who.ctx, pb.id, "paused")).rejects.toThrow(ForbiddenError);
      await expect(createPlaybook(who.ctx, settings, graph)).rejects.toThrow(ForbiddenError);
      await expect(enrolContacts(who.ctx, pb.id, { contactIds: [o.contact.id] })).rejects.toThrow(ForbiddenError);
      // They read playbooks (versions included) but change nothing.
      expect((await listVersions(who.ctx, pb.id)).length).toBeGreaterThan(0);
    }
    await expect(setPlaybookStatus(other.owner.ctx, pb.id, "paused")).rejects.toThrow(NotFoundError);
    await expect(updatePlaybookDetails(other.owner.ctx, pb.id, { name: "Theirs" })).rejects.toThrow(NotFoundError);
    await expect(saveDraft(other.owner.ctx, pb.id, graph)).rejects.toThrow(NotFoundError);
    await expect(enrolContacts(o.owner.ctx, pb.id, { contactIds: [other.contact.id] })).rejects.toThrow(
      "Some of these customers were not found",
    );
  });

  it("manual enrolment starts runs through the outbox; an owner cancels one; others cannot", async () => {
    const o = await playbookOrg(db());
    const second = await makeContact(db(), o.orgId);
    const pb = await playbookByKey(db(), o.orgId, "inactivity_nudge");
    const result = await enrolContacts(o.owner.ctx, pb.id, { contactIds: [o.contact.id, second.id] });
    expect(result).toEqual({ started: 2, skipped: [] });
    await relay(o.orgId);
    await h().settle();
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(1);
    const [run] = await runsOf(db(), o.orgId, o.contact.id);
    const other = await playbookOrg(db());
    await expect(cancelRun(other.owner.ctx, run!.id)).rejects.toThrow(NotFoundError);
    await expect(cancelRun(o.rep.ctx, run!.id)).rejects.toThrow(ForbiddenError);
    await cancelRun(o.owner.ctx, run!.id);
    await relay(o.orgId);
    await h().settle();
    await h().advance("4d");
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(1);
    expect(await messagesTo(db(), o.orgId, second.id)).toHaveLength(2);
    expect((await runsOf(db(), o.orgId, o.contact.id))[0]).toMatchObject({
      status: "cancelled",
      endReason: "cancelled by an owner",
    });
    await expect(cancelRun(o.owner.ctx, run!.id)).rejects.toThrow("already ended");
  });

  it("a discount code is redeemable only by its own organisation", async () => {
    const o = await playbookOrg(db());
    const other = await playbookOrg(db());
    await h().send(event("crm/payment.failed", o.orgId, o.contact.id, `inv-${randomUUID()}`));
    await h().settle();
    await h().advance("24h");
    const code = /code (TEND-[A-Z0-9]{8})/.exec((await messagesTo(db(), o.orgId, o.contact.id))[1]!.text)![1];
    await expect(
      redeemDiscountCode(apiKeyTestCtx(db(), other.orgId), { code, orderValueMinor: 100 }, new Date()),
    ).rejects.toThrow(NotFoundError);
    await expect(
      redeemDiscountCode(apiKeyTestCtx(db(), o.orgId), { code, orderValueMinor: 1.5 }, new Date()),
    ).rejects.toThrow("Order value is an integer");
  });
});

describe("metrics", () => {
  it("renders runs, conversions, recovered revenue per playbook and emails by status", async () => {
    const o = await playbookOrg(db());
    await h().send(event("crm/payment.failed", o.orgId, o.contact.id, `inv-${randomUUID()}`));
    await h().settle();
    await h().send(
      event("crm/payment.succeeded", o.orgId, o.contact.id, `pay-${randomUUID()}`, { amountMinor: 2_500 }),
    );
    await h().settle();
    const text = await renderMetrics(db());
    const pb = await playbookByKey(db(), o.orgId, "payment_failed_rescue");
    expect(text).toContain(
      `tend_playbook_runs_started_total{org_id="${o.orgId}",playbook_id="${pb.id}",playbook="Payment failed rescue"} 1`,
    );
    expect(text).toContain(
      `tend_playbook_runs_converted_total{org_id="${o.orgId}",playbook_id="${pb.id}",playbook="Payment failed rescue"} 1`,
    );
    expect(text).toContain(
      `tend_playbook_recovered_revenue_minor_total{org_id="${o.orgId}",playbook_id="${pb.id}",playbook="Payment failed rescue"} 2500`,
    );
    expect(text).toContain(`tend_email_messages_total{org_id="${o.orgId}",status="sent"} 1`);
  });
});
