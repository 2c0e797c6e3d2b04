import { describe, expect, it } from "vitest";
import { simulateRun } from "@/lib/playbooks/simulate";
import { NotFoundError } from "@/lib/errors";
import { messagesTo, playbookByKey, playbookOrg, runsOf } from "../playbooks/fixtures";
import { setupTestDb } from "./helpers";

const db = setupTestDb();

describe("simulating a playbook run", () => {
  it("shows quiet-hour deferrals, waits, the rendered emails with the code, and writes nothing", async () => {
    const o = await playbookOrg(
      db(),
      { quietHoursStart: "21:00", quietHoursEnd: "08:00" },
      { timeZone: "Europe/Paris", firstName: "Inès" },
    );
    const pb = await playbookByKey(db(), o.orgId, "payment_failed_rescue");
    const { steps } = await simulateRun(o.owner.ctx, pb.id, {
      contactId: o.contact.id,
      startAt: "2026-03-10T22:30:00Z",
    });
    // The customer's clock first, the organisation's (UTC) beside it, and the time since the start.
    expect(steps.map((s) => [s.nodeId, s.kind, s.when.customer, s.when.organisation, s.when.sinceStart])).toEqual([
      ["update-details", "deferred", "Mar 10, 2026, 11:30 PM GMT+1", "Mar 10, 2026, 10:30 PM UTC", null],
      ["update-details", "sent", "Mar 11, 2026, 8:00 AM GMT+1", "Mar 11, 2026, 7:00 AM UTC", "8 hours 30 minutes"],
      ["wait-24h", "waited", "Mar 12, 2026, 8:00 AM GMT+1", "Mar 12, 2026, 7:00 AM UTC", "1 day 8 hours"],
      ["code-20", "action", "Mar 12, 2026, 8:00 AM GMT+1", "Mar 12, 2026, 7:00 AM UTC", "1 day 8 hours"],
      ["offer-20", "sent", "Mar 12, 2026, 8:00 AM GMT+1", "Mar 12, 2026, 7:00 AM UTC", "1 day 8 hours"],
      ["wait-48h", "waited", "Mar 14, 2026, 8:00 AM GMT+1", "Mar 14, 2026, 7:00 AM UTC", "3 days 8 hours"],
      ["owner-outreach", "action", "Mar 14, 2026, 8:00 AM GMT+1", "Mar 14, 2026, 7:00 AM UTC", "3 days 8 hours"],
    ]);
    // The owner's notification names the customer rather than showing the raw token.
    expect(steps[6]!.detail).toBe(
      `the owner would be notified: “Payment still failing: reach out to Inès ${o.contact.lastName}”`,
    );
    expect(steps.map((s) => `${s.detail} ${s.email?.subject ?? ""} ${s.email?.text ?? ""}`).join("\n")).not.toContain(
      "{{",
    );
    expect(steps[0]!.detail).toBe("deferred by quiet hours until Wed 2026-03-11 08:00 Europe/Paris");
    expect(steps[1]!.email?.subject).toBe("Payment update required");
    expect(steps[1]!.email?.text).toContain("Hi Inès");
    expect(steps[4]!.email?.text).toContain("Use code SAMPLE-CODE for 20% off");
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(0);
    expect(await runsOf(db(), o.orgId, o.contact.id)).toHaveLength(0);
  });

  it("a customer whose stored time zone is not a valid IANA name: Simulate says which zone was used and why", async () => {
    // Old or imported data: written directly, as the forms refuse such a zone.
    const o = await playbookOrg(
      db(),
      { quietHoursStart: "21:00", quietHoursEnd: "08:00", timeZone: "Europe/Paris" },
      { timeZone: "Mars/Base", firstName: "Ines" },
    );
    const pb = await playbookByKey(db(), o.orgId, "payment_failed_rescue");
    const { steps, zone } = await simulateRun(o.owner.ctx, pb.id, {
      contactId: o.contact.id,
      startAt: "2026-03-10T22:30:00Z",
    });
    const why =
      "Europe/Paris is used because the customer's stored time zone \"Mars/Base\" is not a valid IANA name, so the organisation's applies";
    expect(zone).toMatchObject({ zone: "Europe/Paris", source: "organisation", reason: `${why}.` });
    expect(steps[0]!.when).toMatchObject({ customer: "Mar 10, 2026, 11:30 PM", organisation: null });
    expect(steps[0]!.detail).toBe(`deferred by quiet hours (${why}) until Wed 2026-03-11 08:00 Europe/Paris`);
  });

  it("predicts that a marketing email to a Not asked customer would be held back when the organisation requires a yes; transactional still goes", async () => {
    const o = await playbookOrg(db(), { marketingRequiresConsent: true }, { marketingConsent: "unknown" });
    const pb = await playbookByKey(db(), o.orgId, "payment_failed_rescue");
    const { steps } = await simulateRun(o.owner.ctx, pb.id, {
      contactId: o.contact.id,
      startAt: "2026-03-10T12:00:00Z",
    });
    const byNode = Object.fromEntries(steps.filter((s) => s.type === "send_email").map((s) => [s.nodeId, s]));
    expect(byNode["update-details"]).toMatchObject({ kind: "sent" }); // transactional
    expect(byNode["offer-20"]).toMatchObject({
      kind: "suppressed",
      detail: "would not be sent: Never agreed to marketing email",
    });

    const soft = await playbookOrg(db(), {}, { marketingConsent: "unknown" });
    const softPb = await playbookByKey(db(), soft.orgId, "payment_failed_rescue");
    const softSteps = (
      await simulateRun(soft.owner.ctx, softPb.id, { contactId: soft.contact.id, startAt: "2026-03-10T12:00:00Z" })
    ).steps;
    expect(softSteps.find((s) => s.nodeId === "offer-20")).toMatchObject({ kind: "sent" });
    expect(await messagesTo(db(), o.orgId, o.contact.id)).toHaveLength(0);
  });

  it("another organisation's customer reads as not found; staff simulate the live version, not the draft", async () => {
    const o = await playbookOrg(db());
    const other = await playbookOrg(db());
    const pb = await playbookByKey(db(), o.orgId, "winback");
    await expect(
      simulateRun(o.owner.ctx, pb.id, { contactId: other.contact.id, startAt: new Date().toISOString() }),
    ).rejects.toThrow(NotFoundError);
    await expect(
      simulateRun(other.owner.ctx, pb.id, { contactId: other.contact.id, startAt: new Date().toISOString() }),
    ).rejects.toThrow(NotFoundError);
    // Staff read playbooks (issue 17: they see the canvas read-only); the draft being built is the owners'.
    const startAt = new Date().toISOString();
    expect(await simulateRun(o.staff.ctx, pb.id, { contactId: o.contact.id, startAt })).toMatchObject({ version: 1 });
    await expect(simulateRun(o.staff.ctx, pb.id, { contactId: o.contact.id, startAt, draft: true })).rejects.toThrow(
      "permission",
    );
  });
});
