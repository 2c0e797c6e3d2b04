import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { emailMessages } from "@/db/schema";
import { redeemDiscountCode } from "@/lib/playbooks/discounts";
import { clockNow } from "@/inngest/local/clock";
import {
  event,
  logOf,
  messagesTo,
  notificationsOf,
  setupPlaybookHarness,
  playbookOrg,
  runsOf,
} from "../playbooks/fixtures";
import { apiKeyTestCtx, setupTestDb } from "./helpers";

const db = setupTestDb();
const h = setupPlaybookHarness(db);

describe("payment_failed_rescue through the embedded executor", () => {
  it("payment.failed → first email now; 24 h later a second email with a working 20% code; redeeming it converts the run", async () => {
    const o = await playbookOrg(db());
    await h().send(event("crm/payment.failed", o.orgId, o.contact.id, `inv-${randomUUID()}`));
    await h().settle();
    const [run] = await runsOf(db(), o.orgId, o.contact.id);
    expect(run).toMatchObject({ status: "active" });
    let mail = await messagesTo(db(), o.orgId, o.contact.id);
    expect(mail.map((m) => [m.subject, m.status, m.category])).toEqual([
      ["Payment update required", "sent", "transactional"],
    ]);
    expect(mail[0]!.idempotencyKey).toBe(`${run!.id}:update-details`);

    await h().advance("23h");
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(1);
    await h().advance("1h");
    mail = await messagesTo(db(), o.orgId, o.contact.id);
    expect(mail).toHaveLength(2);
    const code = /code (TEND-[A-Z0-9]{8}) for 20% off/.exec(mail[1]!.text)?.[1];
    expect(code).toBeDefined();
    const log = await logOf(db(), run!.id);
    expect(log.find((l) => l.nodeId === "code-20")?.discountCodeId).toBeTruthy();

    const redeemed = await redeemDiscountCode(
      apiKeyTestCtx(db(), o.orgId),
      { code, orderValueMinor: 4_900 },
      clockNow(),
    );
    expect(redeemed.runId).toBe(run!.id);
    const [after] = await runsOf(db(), o.orgId, o.contact.id);
    expect(after).toMatchObject({ conversionValueMinor: 4_900, conversionSource: "discount_redeemed" });
    await expect(
      redeemDiscountCode(apiKeyTestCtx(db(), o.orgId), { code, orderValueMinor: 100 }, clockNow()),
    ).rejects.toThrow("already been used");
  });

  it("payment.succeeded mid-run → converted with its amount; the owner is never notified and nothing more is sent", async () => {
    const o = await playbookOrg(db());
    await h().send(event("crm/payment.failed", o.orgId, o.contact.id, `inv-${randomUUID()}`));
    await h().settle();
    await h().send(
      event("crm/payment.succeeded", o.orgId, o.contact.id, `pay-${randomUUID()}`, { amountMinor: 12_000 }),
    );
    await h().settle();
    const [run] = await runsOf(db(), o.orgId, o.contact.id);
    expect(run).toMatchObject({
      status: "completed",
      conversionValueMinor: 12_000,
      conversionSource: "crm/payment.succeeded",
    });
    await h().advance("4d");
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(1);
    expect(await notificationsOf(db(), o.orgId)).toHaveLength(0);
  });

  it("without payment the owner is notified 48 h after the offer (in-app and by email)", async () => {
    const o = await playbookOrg(db());
    await h().send(event("crm/payment.failed", o.orgId, o.contact.id, `inv-${randomUUID()}`));
    await h().settle();
    await h().advance("24h");
    await h().advance("48h");
    const notes = await notificationsOf(db(), o.orgId);
    expect(notes.map((n) => [n.userId, n.title])).toEqual([
      [o.owner.id, `Payment still failing: reach out to ${o.contact.firstName} ${o.contact.lastName}`],
    ]);
    const [ownerMail] = await db()
      .select()
      .from(emailMessages)
      .where(and(eq(emailMessages.orgId, o.orgId), eq(emailMessages.userId, o.owner.id)));
    expect(ownerMail).toMatchObject({
      category: "transactional",
      subject: `Payment still failing: reach out to ${o.contact.firstName} ${o.contact.lastName}`,
    });
    const [run] = await runsOf(db(), o.orgId, o.contact.id);
    expect(run!.status).toBe("completed");
    const log = await logOf(db(), run!.id);
    expect(log.filter((l) => l.status === "done").map((l) => l.nodeId)).toEqual(
      expect.arrayContaining(["update-details", "wait-24h", "code-20", "offer-20", "wait-48h", "owner-outreach"]),
    );
  });

  it("the same event twice makes one run and one email", async () => {
    const o = await playbookOrg(db());
    const id = `inv-${randomUUID()}`;
    await h().send([
      event("crm/payment.failed", o.orgId, o.contact.id, id),
      event("crm/payment.failed", o.orgId, o.contact.id, id),
    ]);
    await h().settle();
    await h().send(event("crm/payment.failed", o.orgId, o.contact.id, id));
    await h().settle();
    expect(await runsOf(db(), o.orgId, o.contact.id)).toHaveLength(1);
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(1);
  });
});
