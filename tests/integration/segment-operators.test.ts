import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { interactions, leads } from "@/db/schema";
import { ensurePipeline, loadPipeline } from "@/lib/leads/pipeline";
import { sampleMatching } from "@/lib/segments/query";
import { explainMembership } from "@/lib/segments/explain";
import { ValidationError } from "@/lib/errors";
import { rowsOf } from "@/db/rows";
import { createTestOrg, setupTestDb, type TestOrg } from "./helpers";
import { addTag, all, any, cond, insertContacts, setOrgZone } from "./segment-fixtures";

const db = setupTestDb();
// 08:00 in New York on a Tuesday, two days after DST began there.
const NOW = new Date("2026-03-10T12:00:00Z");
const DAY = 86_400_000;

let org: TestOrg;
let tagVip: string;
let tagNews: string;
let stageA: string;
let stageB: string;

/** Names of the customers who match, sorted. */
async function who(criteria: unknown) {
  return (await sampleMatching(org.staff.ctx, criteria, NOW, 100)).map((r) => r.name.split(" ")[0]).sort();
}

beforeAll(async () => {
  org = await createTestOrg(db());
  await setOrgZone(db(), org.orgId, "America/New_York");
  const [ann, bob, cara] = await insertContacts(db(), org.orgId, [
    // 23:30 on 2 March in New York (04:30 UTC on the 3rd).
    {
      firstName: "Ann",
      company: "Acme_Co",
      email: "ann@example.test",
      totalVisits: 12,
      totalSpentMinor: 600_000,
      lastVisitAt: new Date("2026-03-03T04:30:00Z"),
      timeZone: "Europe/Paris",
      lifecycleStage: "vip",
      marketingConsent: "subscribed",
      preferredContactMethod: "whatsapp",
    },
    // 00:30 on 3 March in New York.
    {
      firstName: "Bob",
      company: null,
      email: null,
      totalVisits: 3,
      totalSpentMinor: 50_000,
      lastVisitAt: new Date("2026-03-03T05:30:00Z"),
      lifecycleStage: "active",
      birthday: "2026-03-12",
    },
    {
      firstName: "Cara",
      company: "AcmeXCo",
      email: "cara@example.test",
      totalVisits: 0,
      totalSpentMinor: 0,
      lastVisitAt: null,
      lifecycleStage: "lead",
      birthday: "2026-03-14",
    },
  ]);
  // A visit late tonight, local time (already tomorrow in UTC).
  await insertContacts(db(), org.orgId, [
    {
      firstName: "Dee",
      lastVisitAt: new Date("2026-03-11T03:00:00Z"),
      totalVisits: 1,
      totalSpentMinor: 1000,
      lifecycleStage: "active",
    },
  ]);
  tagVip = await addTag(db(), org.orgId, "VIP", [ann!.id]);
  tagNews = await addTag(db(), org.orgId, "newsletter", [ann!.id, bob!.id]);
  const call = (contactId: string, daysAgo: number) => ({
    orgId: org.orgId,
    contactId,
    type: "call" as const,
    direction: "outbound" as const,
    occurredAt: new Date(NOW.getTime() - daysAgo * DAY),
  });
  await db()
    .insert(interactions)
    .values([
      call(ann!.id, 1),
      call(ann!.id, 2),
      call(ann!.id, 5),
      call(ann!.id, 40),
      call(bob!.id, 1),
      call(cara!.id, 30),
    ]);
  await ensurePipeline(db(), org.orgId);
  const pipeline = await loadPipeline(db(), org.orgId);
  [stageA, stageB] = [pipeline.stages[0]!.id, pipeline.stages[1]!.id];
  const lead = (
    contactId: string,
    rank: string,
    score: number,
    value: number,
    status: "open" | "won",
    stageId: string,
  ) => ({ orgId: org.orgId, pipelineId: pipeline.id, stageId, title: rank, contactId, score, value, status, rank });
  await db()
    .insert(leads)
    .values([
      lead(ann!.id, "a", 80, 100_000, "open", stageA),
      lead(ann!.id, "b", 40, 5_000, "won", stageB),
      lead(bob!.id, "c", 50, 20_000, "open", stageA),
    ]);
  // Another organisation's twin of Ann never shows up.
  const other = await createTestOrg(db());
  await insertContacts(db(), other.orgId, [
    { firstName: "Ann", company: "Acme_Co", totalVisits: 12, totalSpentMinor: 600_000 },
  ]);
});

describe("segment operators", () => {
  it("text: is, is not (empty included), contains and starts with (wildcards literal), empty", async () => {
    expect(await who(all(cond("contact.first_name", "is", "ANN")))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.company", "is_not", "acme_co")))).toEqual(["Bob", "Cara", "Dee"]);
    expect(await who(all(cond("contact.company", "contains", "_")))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.company", "contains", "%")))).toEqual([]);
    expect(await who(all(cond("contact.company", "starts_with", "acme")))).toEqual(["Ann", "Cara"]);
    expect(await who(all(cond("contact.company", "is_empty")))).toEqual(["Bob", "Dee"]);
    expect(await who(all(cond("contact.company", "is_not_empty")))).toEqual(["Ann", "Cara"]);
  });

  it("number: every comparison, between, and empty for a customer without leads", async () => {
    expect(await who(all(cond("contact.total_visits", "eq", 3)))).toEqual(["Bob"]);
    expect(await who(all(cond("contact.total_visits", "neq", 3)))).toEqual(["Ann", "Cara", "Dee"]);
    expect(await who(all(cond("contact.total_visits", "lt", 3)))).toEqual(["Cara", "Dee"]);
    expect(await who(all(cond("contact.total_visits", "lte", 3)))).toEqual(["Bob", "Cara", "Dee"]);
    expect(await who(all(cond("contact.total_visits", "gt", 3)))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.total_visits", "gte", 12)))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.total_visits", "between", [1, 12])))).toEqual(["Ann", "Bob", "Dee"]);
    expect(await who(all(cond("contact.total_spent", "gte", 500_000)))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.lifetime_value", "gt", 0)))).toEqual(["Ann", "Bob", "Dee"]);
    expect(await who(all(cond("contact.lifetime_value", "eq", 605_000)))).toEqual(["Ann"]);
  });

  it("lead fields: the highest score, the open value, stage and status of any lead; none is empty", async () => {
    expect(await who(all(cond("lead.score", "gte", 70)))).toEqual(["Ann"]);
    expect(await who(all(cond("lead.score", "gt", 50)))).toEqual(["Ann"]);
    expect(await who(all(cond("lead.score", "lt", 60)))).toEqual(["Bob"]);
    expect(await who(all(cond("lead.score", "lte", 80)))).toEqual(["Ann", "Bob"]);
    // Ann has a lead scored 40, but her score is her best lead's, 80.
    expect(await who(all(cond("lead.score", "eq", 40)))).toEqual([]);
    expect(await who(all(cond("lead.score", "eq", 80)))).toEqual(["Ann"]);
    expect(await who(all(cond("lead.score", "neq", 80)))).toEqual(["Bob", "Cara", "Dee"]);
    expect(await who(all(cond("lead.score", "between", [30, 60])))).toEqual(["Bob"]);
    expect(await who(all(cond("lead.score", "is_empty")))).toEqual(["Cara", "Dee"]);
    expect(await who(all(cond("lead.value", "gte", 50_000)))).toEqual(["Ann"]);
    expect(await who(all(cond("lead.value", "lt", 50_000)))).toEqual(["Bob"]);
    expect(await who(all(cond("lead.value", "neq", 20_000)))).toEqual(["Ann", "Cara", "Dee"]);
    expect(await who(all(cond("lead.value", "is_empty")))).toEqual(["Cara", "Dee"]);
    expect(await who(all(cond("lead.stage", "any_of", [stageB])))).toEqual(["Ann"]);
    expect(await who(all(cond("lead.stage", "none_of", [stageA])))).toEqual(["Cara", "Dee"]);
    expect(await who(all(cond("lead.status", "any_of", ["won"])))).toEqual(["Ann"]);
    expect(await who(all(cond("lead.status", "none_of", ["won"])))).toEqual(["Bob", "Cara", "Dee"]);
  });

  it("date: calendar days in the organisation's zone, not UTC", async () => {
    expect(await who(all(cond("contact.last_visit_at", "on", "2026-03-02")))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.last_visit_at", "on", "2026-03-03")))).toEqual(["Bob"]);
    expect(await who(all(cond("contact.last_visit_at", "before", "2026-03-03")))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.last_visit_at", "after", "2026-03-02")))).toEqual(["Bob", "Dee"]);
    // Today is 10 March in New York: the last 7 days start at midnight on 3 March.
    expect(await who(all(cond("contact.last_visit_at", "within_last_days", 7)))).toEqual(["Bob", "Dee"]);
    expect(await who(all(cond("contact.last_visit_at", "more_than_days_ago", 7)))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.last_visit_at", "in_next_days", 0)))).toEqual(["Dee"]);
    expect(await who(all(cond("contact.last_visit_at", "is_empty")))).toEqual(["Cara"]);
    expect(await who(all(cond("contact.last_visit_at", "is_not_empty")))).toEqual(["Ann", "Bob", "Dee"]);
    // A `date` column compares calendar dates: the 12th is within the next 3 days, the 14th is not.
    expect(await who(all(cond("contact.birthday", "in_next_days", 3)))).toEqual(["Bob"]);
    expect(await who(all(cond("contact.birthday", "after", "2026-03-12")))).toEqual(["Cara"]);
  });

  it("days since last visit counts whole days; never visited is empty", async () => {
    expect(await who(all(cond("contact.days_since_last_visit", "gte", 7)))).toEqual(["Ann", "Bob"]);
    expect(await who(all(cond("contact.days_since_last_visit", "eq", 7)))).toEqual(["Ann", "Bob"]);
    expect(await who(all(cond("contact.days_since_last_visit", "gt", 7)))).toEqual([]);
    expect(await who(all(cond("contact.days_since_last_visit", "lt", 7)))).toEqual(["Dee"]);
    expect(await who(all(cond("contact.days_since_last_visit", "is_empty")))).toEqual(["Cara"]);
    expect(await who(all(cond("contact.days_since_last_visit", "neq", 7)))).toEqual(["Cara", "Dee"]);
  });

  it("enum any of / none of (none of includes empty), boolean, tags any/all/none", async () => {
    expect(await who(all(cond("contact.lifecycle_stage", "any_of", ["vip", "lead"])))).toEqual(["Ann", "Cara"]);
    expect(await who(all(cond("contact.lifecycle_stage", "none_of", ["vip"])))).toEqual(["Bob", "Cara", "Dee"]);
    expect(await who(all(cond("contact.preferred_contact_method", "none_of", ["whatsapp"])))).toEqual([
      "Bob",
      "Cara",
      "Dee",
    ]);
    expect(await who(all(cond("contact.time_zone", "any_of", ["Europe/Paris"])))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.marketing_consent", "any_of", ["subscribed"])))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.has_email", "is_true")))).toEqual(["Ann", "Cara"]);
    expect(await who(all(cond("contact.has_email", "is_false")))).toEqual(["Bob", "Dee"]);
    expect(await who(all(cond("contact.tags", "has_any", [tagVip, tagNews])))).toEqual(["Ann", "Bob"]);
    expect(await who(all(cond("contact.tags", "has_all", [tagVip, tagNews])))).toEqual(["Ann"]);
    expect(await who(all(cond("contact.tags", "has_none", [tagVip])))).toEqual(["Bob", "Cara", "Dee"]);
  });

  it("interactions: at least / fewer than k of a type within N days", async () => {
    expect(await who(all(cond("interactions.count", "at_least", { type: "call", days: 7, count: 2 })))).toEqual([
      "Ann",
    ]);
    expect(await who(all(cond("interactions.count", "fewer_than", { type: "call", days: 7, count: 2 })))).toEqual([
      "Bob",
      "Cara",
      "Dee",
    ]);
    expect(await who(all(cond("interactions.count", "at_least", { type: "call", days: 60, count: 4 })))).toEqual([
      "Ann",
    ]);
    expect(await who(all(cond("interactions.count", "at_least", { type: "call", days: 60, count: 1 })))).toEqual([
      "Ann",
      "Bob",
      "Cara",
    ]);
    expect(await who(all(cond("interactions.count", "at_least", { type: "visit", days: 60, count: 1 })))).toEqual([]);
  });

  it("nested groups: spent ≥ 500 AND (tag VIP OR visits ≥ 5); an empty group matches everyone", async () => {
    expect(
      await who(
        all(
          cond("contact.total_spent", "gte", 50_000),
          any(cond("contact.tags", "has_any", [tagVip]), cond("contact.total_visits", "gte", 5)),
        ),
      ),
    ).toEqual(["Ann"]);
    expect(
      await who(any(cond("contact.total_visits", "eq", 3), all(cond("contact.first_name", "is", "cara")))),
    ).toEqual(["Bob", "Cara"]);
    expect(await who(all())).toEqual(["Ann", "Bob", "Cara", "Dee"]);
  });

  it("explains a customer condition by condition", async () => {
    const [bob] = await sampleMatching(org.owner.ctx, all(cond("contact.first_name", "is", "bob")), NOW);
    const criteria = all(
      cond("contact.total_spent", "gte", 50_000),
      any(cond("contact.tags", "has_any", [tagVip]), cond("contact.total_visits", "gte", 5)),
    );
    const why = await explainMembership(org.staff.ctx, criteria, bob!.id, NOW);
    expect(why.matched).toBe(false);
    expect(why.tree.children!.map((c) => c.matched)).toEqual([true, false]);
    expect(why.tree.children![1]!.children!.map((c) => c.matched)).toEqual([false, false]);
  });

  it("values never become SQL: injection attempts are data or are refused", async () => {
    const nasty = ["'; drop table contacts; --", "x' or '1'='1", "\\'); select pg_sleep(5); --", "$1", "${orgId}"];
    for (const value of nasty) {
      expect(await who(all(cond("contact.first_name", "is", value)))).toEqual([]);
      expect(await who(all(cond("contact.company", "contains", value)))).toEqual([]);
      expect(await who(all(cond("contact.time_zone", "any_of", [value])))).toEqual([]);
    }
    // The table is still there, with everyone in it.
    const [row] = rowsOf<{ n: number }>(
      await db().execute(sql`select count(*)::int as n from contacts where org_id = ${org.orgId}`),
    );
    expect(row!.n).toBe(4);
    await expect(who(all(cond("contact.first_name; drop table contacts", "is", "x")))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(who(all(cond("contact.first_name", "is); --", "x")))).rejects.toBeInstanceOf(ValidationError);
    await expect(who(all(cond("contact.total_visits", "gte", "1 or 1=1")))).rejects.toBeInstanceOf(ValidationError);
    await expect(who(all(cond("contact.lifecycle_stage", "any_of", ["vip') or true --"])))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(who(all(cond("contact.tags", "has_any", ["1) or (1=1"])))).rejects.toBeInstanceOf(ValidationError);
    expect(await who(all(cond("contact.first_name", "is", "Ann")))).toEqual(["Ann"]);
  });

  it("refuses bad criteria with a message naming the condition", async () => {
    const deep = all(all(all(all(all(all(cond("contact.first_name", "is", "x")))))));
    await expect(who(deep)).rejects.toThrow(/at most 5 levels/);
    const err = await who(all(cond("contact.total_visits", "between", [5, 1]))).catch((e: ValidationError) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fieldErrors).toHaveProperty(["criteria.0"]);
    await expect(who(all(cond("contact.last_visit_at", "on", "2026-02-30")))).rejects.toThrow(/YYYY-MM-DD/);
    await expect(who(all(cond("contact.first_name", "gte", 3)))).rejects.toThrow(/cannot use/);
  });
});
