import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { cancelRun } from "@/lib/playbooks/runs-admin";
import { retryQueued } from "@/lib/email/retry-queued";
import { observeFlushes, senderFor, type Flush } from "@/lib/email/sender";
import { event, logOf, messagesTo, playbookOrg, runsOf, setupPlaybookHarness } from "../playbooks/fixtures";
import { makeContact } from "../email/fixtures";
import { startResendStub, type Fault, type ResendStub } from "../email/resend-stub";
import { setupTestDb } from "./helpers";

// Playbook steps' emails through the sender, against the Resend stand-in (issues 13 §1 and 15).
const db = setupTestDb();
const h = setupPlaybookHarness(db);
let stub: ResendStub;
let faults: Fault[] = [];
let holds = new Map<number, Promise<void>>();
let arrived: number[] = [];
let flushes: Flush[] = [];
let stopObserving = () => {};

beforeAll(async () => {
  stub = await startResendStub({
    retryAfterSeconds: 0,
    fault: () => faults.shift() ?? null,
    hold: (n) => holds.get(arrived.push(n)) ?? null,
  });
  process.env.RESEND_API_KEY = "re_test_key";
  process.env.RESEND_BASE_URL = stub.url;
  stopObserving = observeFlushes((f) => flushes.push(f));
});
afterEach(() => {
  faults = [];
  holds = new Map();
  arrived = [];
  flushes = [];
  stub.requests.length = 0;
  stub.accepted.length = 0;
  delete process.env.EMAIL_COALESCE_MS;
});
afterAll(async () => {
  stopObserving();
  delete process.env.RESEND_API_KEY;
  delete process.env.RESEND_BASE_URL;
  await stub.close();
});

async function until(what: () => boolean | Promise<boolean>) {
  while (!(await what())) await new Promise((r) => setTimeout(r, 10));
}

describe("a playbook's email at hand-over", () => {
  it("5xx, then an owner cancels the run: neither the step's retry nor the sweep sends it; outbox and run log say why", async () => {
    const o = await playbookOrg(db());
    faults = ["500-before"];
    await h().send(event("crm/payment.failed", o.orgId, o.contact.id, `inv-${randomUUID()}`));
    await h().settle();
    const [run] = await runsOf(db(), o.orgId, o.contact.id);
    const [queued] = await messagesTo(db(), o.orgId, o.contact.id);
    expect(queued).toMatchObject({ status: "queued", runId: run!.id });
    await cancelRun(o.owner.ctx, run!.id);
    await h().advance("2m");
    expect(stub.accepted).toHaveLength(0);
    const swept = await retryQueued(db(), new Date(Date.now() + 60_000), { orgId: o.orgId });
    expect(swept).toMatchObject({ sent: 0, suppressed: 1 });
    expect(stub.accepted).toHaveLength(0);
    const [after] = await messagesTo(db(), o.orgId, o.contact.id);
    expect(after).toMatchObject({ status: "suppressed", suppressionReason: "run_cancelled" });
    const line = (await logOf(db(), run!.id)).find((l) => l.key === "update-details");
    expect(line).toMatchObject({
      status: "skipped",
      messageId: queued!.id,
      detail: "email suppressed: Its playbook run was cancelled",
    });
  });

  it("first emails of runs started together leave in one batch request, and each run's log has its own outcome", async () => {
    const o = await playbookOrg(db());
    const others = [
      await makeContact(db(), o.orgId, { ownerId: o.owner.id }),
      await makeContact(db(), o.orgId, { ownerId: o.owner.id, email: "broken@invalid" }),
    ];
    process.env.EMAIL_COALESCE_MS = "600000";
    let open = () => {};
    holds.set(1, new Promise<void>((r) => (open = r)));
    await h().send(event("crm/payment.failed", o.orgId, o.contact.id, `inv-${randomUUID()}`));
    await until(() => arrived.length === 1);
    await h().send(others.map((c) => event("crm/payment.failed", o.orgId, c.id, `inv-${randomUUID()}`)));
    await until(() => senderFor(db()).waiting() === 2);
    open();
    await h().settle();
    expect(flushes.map((f) => [f.reason, f.size])).toEqual([
      ["idle", 1],
      ["idle", 2],
    ]);
    const outcome = async (contactId: string) => {
      const [run] = await runsOf(db(), o.orgId, contactId);
      const line = (await logOf(db(), run!.id)).find((l) => l.key === "update-details");
      return [line?.status, line?.detail];
    };
    expect(await outcome(o.contact.id)).toEqual(["done", "email sent"]);
    expect(await outcome(others[0]!.id)).toEqual(["done", "email sent"]);
    expect(await outcome(others[1]!.id)).toEqual(["failed", "email failed"]);
    expect(stub.accepted).toHaveLength(2);
  });
});
