import { beforeAll, describe, expect, it } from "vitest";
import { emailEvents, emailTopicOptOuts, emailTopics, playbookRuns, playbookVersions } from "@/db/schema";
import { installDefaultPlaybooks } from "@/lib/playbooks/install";
import { sampleMatching } from "@/lib/segments/query";
import { explainMembership } from "@/lib/segments/explain";
import { fieldCatalog } from "@/lib/segments/registry";
import { ValidationError } from "@/lib/errors";
import { createTestOrg, setupTestDb, type TestOrg } from "./helpers";
import { all, cond, insertContacts, setOrgZone } from "./segment-fixtures";
import { playbookByKey } from "../playbooks/fixtures";
import { and, eq } from "drizzle-orm";

const db = setupTestDb();
// 08:00 in New York.
const NOW = new Date("2026-03-10T12:00:00Z");
const DAY = 86_400_000;

let org: TestOrg;
let other: TestOrg;
let ids: Record<string, string>;
let rescue: string;
let winback: string;
let otherRescue: string;

async function who(criteria: unknown, o = org) {
  return (await sampleMatching(o.staff.ctx, criteria, NOW, 100)).map((r) => r.name.split(" ")[0]).sort();
}

async function run(
  o: TestOrg,
  playbookId: string,
  contactId: string,
  status: "active" | "completed" | "cancelled",
  converted = false,
) {
  const [v] = await db()
    .select({ id: playbookVersions.id })
    .from(playbookVersions)
    .where(and(eq(playbookVersions.playbookId, playbookId), eq(playbookVersions.orgId, o.orgId)))
    .limit(1);
  await db()
    .insert(playbookRuns)
    .values({
      orgId: o.orgId,
      playbookId,
      versionId: v!.id,
      contactId,
      status,
      triggerKey: `t-${contactId}-${status}`,
      convertedAt: converted ? NOW : null,
    });
}

beforeAll(async () => {
  org = await createTestOrg(db());
  other = await createTestOrg(db());
  await setOrgZone(db(), org.orgId, "America/New_York");
  const rows = await insertContacts(db(), org.orgId, [
    { firstName: "Ann" },
    { firstName: "Bob" },
    { firstName: "Cara", doNotContact: true },
    { firstName: "Dee" },
  ]);
  ids = Object.fromEntries(rows.map((r) => [r.firstName, r.id]));
  const [twin] = await insertContacts(db(), other.orgId, [{ firstName: "Ann", doNotContact: true }]);
  const ev = (orgId: string, contactId: string, type: string, at: Date) => ({ orgId, contactId, type, occurredAt: at });
  await db()
    .insert(emailEvents)
    .values([
      // 23:30 on 2 March in New York: "within the last 7 days" starts at local midnight on 3 March.
      ev(org.orgId, ids.Ann!, "opened", new Date("2026-03-03T04:30:00Z")),
      ev(org.orgId, ids.Bob!, "opened", new Date("2026-03-03T05:30:00Z")),
      ev(org.orgId, ids.Bob!, "clicked", new Date(NOW.getTime() - DAY)),
      ev(org.orgId, ids.Cara!, "opened", new Date(NOW.getTime() - 40 * DAY)),
      ev(org.orgId, ids.Dee!, "delivered", new Date(NOW.getTime() - DAY)),
      ev(other.orgId, twin!.id, "opened", new Date(NOW.getTime() - DAY)),
      ev(other.orgId, twin!.id, "clicked", new Date(NOW.getTime() - DAY)),
    ]);
  await db()
    .insert(emailTopics)
    .values([
      { orgId: org.orgId, key: "news", name: "Newsletter" },
      { orgId: org.orgId, key: "offers", name: "Offers" },
      { orgId: other.orgId, key: "news", name: "Newsletter" },
    ]);
  await db()
    .insert(emailTopicOptOuts)
    .values([
      { orgId: org.orgId, contactId: ids.Ann!, topicKey: "news" },
      { orgId: org.orgId, contactId: ids.Bob!, topicKey: "offers" },
      { orgId: other.orgId, contactId: twin!.id, topicKey: "news" },
    ]);
  await installDefaultPlaybooks(org.owner.ctx, "paused");
  await installDefaultPlaybooks(other.owner.ctx, "paused");
  rescue = (await playbookByKey(db(), org.orgId, "payment_failed_rescue")).id;
  winback = (await playbookByKey(db(), org.orgId, "winback")).id;
  otherRescue = (await playbookByKey(db(), other.orgId, "payment_failed_rescue")).id;
  await run(org, rescue, ids.Ann!, "active");
  await run(org, rescue, ids.Bob!, "completed", true);
  await run(org, winback, ids.Bob!, "cancelled");
  await run(org, winback, ids.Cara!, "completed");
  await run(other, otherRescue, twin!.id, "active");
});

describe("email engagement and consent fields", () => {
  it("opened / clicked within the last N days, in the organisation's zone; never is empty", async () => {
    expect(await who(all(cond("email.last_opened_at", "within_last_days", 7)))).toEqual(["Bob"]);
    expect(await who(all(cond("email.last_opened_at", "within_last_days", 8)))).toEqual(["Ann", "Bob"]);
    expect(await who(all(cond("email.last_opened_at", "more_than_days_ago", 30)))).toEqual(["Cara"]);
    expect(await who(all(cond("email.last_opened_at", "is_empty")))).toEqual(["Dee"]);
    expect(await who(all(cond("email.last_clicked_at", "within_last_days", 2)))).toEqual(["Bob"]);
    expect(await who(all(cond("email.last_clicked_at", "is_empty")))).toEqual(["Ann", "Cara", "Dee"]);
  });

  it("topic opt-outs (any of, none of, any topic) and do-not-contact", async () => {
    expect(await who(all(cond("email.topic_opt_out", "any_of", ["news"])))).toEqual(["Ann"]);
    expect(await who(all(cond("email.topic_opt_out", "any_of", ["news", "offers"])))).toEqual(["Ann", "Bob"]);
    expect(await who(all(cond("email.topic_opt_out", "none_of", ["news"])))).toEqual(["Bob", "Cara", "Dee"]);
    expect(await who(all(cond("email.any_topic_opt_out", "is_true")))).toEqual(["Ann", "Bob"]);
    expect(await who(all(cond("email.any_topic_opt_out", "is_false")))).toEqual(["Cara", "Dee"]);
    expect(await who(all(cond("contact.do_not_contact", "is_true")))).toEqual(["Cara"]);
    expect(await who(all(cond("contact.do_not_contact", "is_false")))).toEqual(["Ann", "Bob", "Dee"]);
  });

  it("topic keys are values, never SQL", async () => {
    expect(await who(all(cond("email.topic_opt_out", "any_of", ["news' or '1'='1"])))).toEqual([]);
    await expect(sampleMatching(org.staff.ctx, all(cond("email.topic_opt_out", "any_of", [])), NOW)).rejects.toThrow(
      ValidationError,
    );
  });
});

describe("playbook participation fields", () => {
  it("in (active run), completed and converted, any of and none of", async () => {
    expect(await who(all(cond("playbook.active", "any_of", [rescue])))).toEqual(["Ann"]);
    expect(await who(all(cond("playbook.active", "none_of", [rescue])))).toEqual(["Bob", "Cara", "Dee"]);
    expect(await who(all(cond("playbook.completed", "any_of", [rescue, winback])))).toEqual(["Bob", "Cara"]);
    expect(await who(all(cond("playbook.completed", "any_of", [winback])))).toEqual(["Cara"]);
    expect(await who(all(cond("playbook.converted", "any_of", [rescue])))).toEqual(["Bob"]);
    expect(await who(all(cond("playbook.converted", "none_of", [rescue, winback])))).toEqual(["Ann", "Cara", "Dee"]);
  });

  it("needs playbook ids: anything else is a clear error naming the condition", async () => {
    await expect(
      sampleMatching(org.staff.ctx, all(cond("playbook.active", "any_of", ["1; drop table contacts"])), NOW),
    ).rejects.toMatchObject({
      fieldErrors: { "criteria.0": expect.stringContaining("Choose playbooks from the list") },
    });
  });

  it("the builder offers this organisation's playbooks and topics only", async () => {
    const catalog = await fieldCatalog(org.staff.ctx);
    const active = catalog.find((f) => f.key === "playbook.active")!;
    expect(active.options!.map((o) => o.value)).toContain(rescue);
    expect(active.options!.map((o) => o.value)).not.toContain(otherRescue);
    expect(catalog.find((f) => f.key === "email.topic_opt_out")!.options).toEqual(
      expect.arrayContaining([
        { value: "news", label: "Newsletter" },
        { value: "offers", label: "Offers" },
      ]),
    );
  });

  it("explains each condition for one customer", async () => {
    const criteria = all(
      cond("playbook.converted", "any_of", [rescue]),
      cond("email.last_clicked_at", "within_last_days", 2),
      cond("contact.do_not_contact", "is_true"),
    );
    const e = await explainMembership(org.staff.ctx, criteria, ids.Bob, NOW);
    expect(e.matched).toBe(false);
    expect(e.tree.children!.map((c) => c.matched)).toEqual([true, true, false]);
  });
});

describe("cross-organisation isolation", () => {
  it("another organisation's events, opt-outs and runs never count, and its playbook ids match no one here", async () => {
    expect(await who(all(cond("playbook.active", "any_of", [otherRescue])))).toEqual([]);
    expect(await who(all(cond("email.topic_opt_out", "any_of", ["news"])), other)).toEqual(["Ann"]);
    expect(await who(all(cond("email.last_clicked_at", "within_last_days", 2)), other)).toEqual(["Ann"]);
    expect(await who(all(cond("playbook.active", "any_of", [rescue])), other)).toEqual([]);
    expect(await who(all(cond("playbook.active", "any_of", [otherRescue])), other)).toEqual(["Ann"]);
  });
});
