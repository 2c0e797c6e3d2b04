import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { clockNow } from "@/inngest/local/clock";
import { zonedInstant } from "@/lib/playbooks/zoned-time";
import { makeContact } from "../email/fixtures";
import { event, logOf, messagesTo, setupPlaybookHarness, playbookOrg, runsOf } from "../playbooks/fixtures";
import { setupTestDb } from "./helpers";

const db = setupTestDb();
const h = setupPlaybookHarness(db);

/**
 * The executor clock only moves forward, so this file jumps to the next spring-forward nights
 * (America/New_York then Europe/Paris).
 */
async function advanceTo(t: Date) {
  const ms = t.getTime() - clockNow().getTime();
  if (ms <= 0) throw new Error(`the clock is already past ${t.toISOString()}`);
  await h().advance(`${ms}ms`);
}

const nextMarch = () => clockNow().getUTCFullYear() + (clockNow().getUTCMonth() >= 2 ? 1 : 0);

// On PostgreSQL every file shares one executor clock row: this file is in the "integration-clock"
// project (vitest.config.ts), which runs its files one at a time after all the others.
describe("quiet hours on DST nights, through the executor clock", () => {
  it.each([
    // US clocks jump 02:00 → 03:00 on the second Sunday of March; Europe's on the last Sunday of March.
    ["America/New_York", (y: number) => secondSunday(y, 3)],
    ["Europe/Paris", (y: number) => lastSunday(y, 3)],
  ] as const)(
    "in %s, an event at 23:30 the night before the change → the email at 08:00 local (one UTC hour earlier than the day before)",
    async (zone, sunday) => {
      const o = await playbookOrg(db(), { quietHoursStart: "21:00", quietHoursEnd: "08:00" });
      const c = await makeContact(db(), o.orgId, { timeZone: zone, ownerId: o.owner.id });
      const y = nextMarch();
      const sun = sunday(y);
      const sat = new Date(Date.UTC(y, 2, sun - 1));
      await advanceTo(zonedInstant(zone, y, 3, sat.getUTCDate(), 23, 30));
      await h().send(event("crm/payment.failed", o.orgId, c.id, `inv-${randomUUID()}`));
      await h().settle();
      const [run] = await runsOf(db(), o.orgId, c.id);
      const deferred = (await logOf(db(), run!.id)).find((l) => l.status === "deferred")!;
      const expected = zonedInstant(zone, y, 3, sun, 8, 0);
      const dayBefore = zonedInstant(zone, y, 3, sun - 1, 8, 0);
      expect(deferred.until!.toISOString()).toBe(expected.toISOString());
      expect(expected.getTime() - dayBefore.getTime()).toBe(23 * 3_600_000);
      expect(deferred.untilLabel).toMatch(new RegExp(`08:00 ${zone}$`));
      await advanceTo(new Date(expected.getTime() - 60_000));
      expect(await messagesTo(db(), o.orgId, c.id)).toHaveLength(0);
      await advanceTo(expected);
      expect(await messagesTo(db(), o.orgId, c.id)).toHaveLength(1);
    },
  );
});

function secondSunday(y: number, month: number) {
  const first = new Date(Date.UTC(y, month - 1, 1)).getUTCDay();
  return 1 + ((7 - first) % 7) + 7;
}
function lastSunday(y: number, month: number) {
  const last = new Date(Date.UTC(y, month, 0));
  return last.getUTCDate() - last.getUTCDay();
}
