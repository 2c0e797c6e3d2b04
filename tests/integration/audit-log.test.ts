import { describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { auditEvents, contacts, users } from "@/db/schema";
import { listAuditEntries, recordHistory, startOfDayIn } from "@/lib/audit/query";
import { recordAudit } from "@/lib/audit/record";
import { auditCsvLines } from "@/lib/audit/csv";
import { playbookRunActor, systemCtx } from "@/lib/actors";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/keys";
import { authenticate } from "@/lib/auth/authenticate";
import { deleteContact, updateContactDetails, toDetailsForm } from "@/lib/customers/contacts";
import { mergeContacts } from "@/lib/customers/duplicates";
import { exportToString } from "@/lib/customers/export";
import { createImportJob } from "@/lib/customers/import/jobs";
import { parseListFilters } from "@/lib/customers/list.schema";
import { applyInactivityRules } from "@/lib/customers/lifecycle-sweep";
import { sendEmail } from "@/lib/email/send";
import { setDoNotContact } from "@/lib/email/contact-preferences";
import { createTemplate, updateTemplate } from "@/lib/email/templates";
import { createTopic, updateTopic } from "@/lib/email/topics";
import { ForbiddenError } from "@/lib/errors";
import { assignLeads, deleteLeads, quickAddLead } from "@/lib/leads/leads";
import { bulkUpdate } from "@/lib/customers/tags";
import { getPipeline } from "@/lib/leads/pipeline";
import { addStage } from "@/lib/leads/stages";
import { updateOrganizationSettings } from "@/lib/orgs/settings";
import { linearGraph } from "@/lib/playbooks/graph.schema";
import { createPlaybook, setPlaybookStatus } from "@/lib/playbooks/playbooks";
import { listVersions, publishDraft, restoreVersionAsDraft } from "@/lib/playbooks/versions";
import { createSegment, deleteSegment, updateSegment } from "@/lib/segments/segments";
import { changeRole, setTeammateActive } from "@/lib/team/team";
import { makeContact, marketingInput, withEmailDefaults } from "../email/fixtures";
import { createTestOrg, setupTestDb, TEST_PASSWORD, uniqueIp, usingPostgres, type TestOrg } from "./helpers";

const db = setupTestDb();

async function entriesOf(orgId: string) {
  return db().select().from(auditEvents).where(eq(auditEvents.orgId, orgId));
}

const actionsOf = async (orgId: string) => new Set((await entriesOf(orgId)).map((e) => e.action));

/** Makes every audit insert for one organisation fail, as a full disk or a broken constraint would. */
async function breakAuditFor(orgId: string) {
  const fn = `audit_fail_${orgId.replaceAll("-", "")}`;
  await db().execute(
    sql.raw(`create or replace function ${fn}() returns trigger language plpgsql as $$
      begin raise exception 'audit write refused'; end $$;`),
  );
  await db().execute(
    sql.raw(`create trigger ${fn} before insert on audit_events for each row
      when (new.org_id = '${orgId}'::uuid) execute function ${fn}();`),
  );
}

describe("the audit log records every change that matters, in the change's transaction", () => {
  it("team, keys, settings, pipeline: before/after of the changed fields, secrets redacted, the request's IP", async () => {
    const o = await createTestOrg(db());
    const ctx = { ...o.owner.ctx, request: { ip: "203.0.113.9", userAgent: "Vitest" } };
    await changeRole(ctx, { userId: o.rep.id, role: "staff" });
    await setTeammateActive(ctx, { userId: o.staff.id, active: false });
    const key = await createApiKey(ctx, { name: "Billing" });
    await revokeApiKey(ctx, { keyId: key.id });
    await updateOrganizationSettings(ctx, {
      name: "Renamed",
      currency: "EUR",
      timeZone: "Europe/Paris",
      quietHoursEnabled: false,
      quietHoursStart: "",
      quietHoursEnd: "",
      quietHoursNoWeekend: false,
      frequencyCapEnabled: false,
      frequencyCapCount: 3,
      frequencyCapDays: 7,
      marketingRequiresConsent: false,
    });
    await addStage(ctx, { name: "Pilot", kind: "open", probability: 40, rottingDays: "", wipLimit: "" });

    const rows = await entriesOf(o.orgId);
    const role = rows.find((r) => r.action === "team.role_changed")!;
    expect(role).toMatchObject({
      actorKey: `user:${o.owner.id}`,
      targetType: "user",
      targetId: o.rep.id,
      targetLabel: o.rep.email,
      before: { role: "rep" },
      after: { role: "staff" },
      ip: "203.0.113.9",
      userAgent: "Vitest",
    });
    expect(rows.find((r) => r.action === "team.member_deactivated")).toMatchObject({
      before: { active: true },
      after: { active: false },
    });
    expect(rows.find((r) => r.action === "organization.updated")).toMatchObject({
      before: { name: o.name, currency: "USD", timeZone: "UTC" },
      after: { name: "Renamed", currency: "EUR", timeZone: "Europe/Paris" },
    });
    expect(rows.find((r) => r.action === "api_key.created")).toMatchObject({ targetLabel: "Billing" });
    expect(JSON.stringify(rows)).not.toContain(key.key);
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set([
        "team.role_changed",
        "team.member_deactivated",
        "api_key.created",
        "api_key.revoked",
        "organization.updated",
        "pipeline.stage_added",
      ]),
    );
  });

  it("sign-in and failed sign-in are recorded for the person's organisation; an unknown email for none", async () => {
    const o = await createTestOrg(db());
    await authenticate(db(), { email: o.rep.email, password: TEST_PASSWORD, ip: uniqueIp(), userAgent: "UA" });
    await authenticate(db(), { email: o.rep.email, password: "wrong password", ip: uniqueIp() });
    await authenticate(db(), { email: `nobody-${randomUUID()}@example.test`, password: "x", ip: uniqueIp() });
    const rows = await entriesOf(o.orgId);
    expect(rows.map((r) => [r.action, r.actorKey, r.targetId]).sort()).toEqual(
      [
        ["auth.sign_in_failed", "system:sign_in", o.rep.id],
        ["auth.signed_in", `user:${o.rep.id}`, o.rep.id],
      ].sort(),
    );
    expect(rows.find((r) => r.action === "auth.sign_in_failed")!.data).toEqual({ reason: "invalid" });
  });

  it("customers: details, consent, do-not-contact, merge, delete, export and import", async () => {
    const o = await createTestOrg(db());
    await withEmailDefaults(db(), o.orgId);
    const a = await makeContact(db(), o.orgId, { firstName: "Ann", lastName: "Lee", marketingConsent: "unknown" });
    const b = await makeContact(db(), o.orgId, { firstName: "Ann", lastName: "Lee" });
    const c = await makeContact(db(), o.orgId, { firstName: "Cy", lastName: "Doe" });
    await updateContactDetails(o.owner.ctx, a.id, {
      ...toDetailsForm(a),
      company: "Acme",
      marketingConsent: "subscribed",
    });
    await setDoNotContact(o.owner.ctx, { contactId: c.id, doNotContact: true });
    await mergeContacts(o.owner.ctx, { keepId: a.id, mergeId: b.id });
    await deleteContact(o.owner.ctx, c.id);
    await exportToString(o.owner.ctx, parseListFilters({}));
    await createImportJob(o.owner.ctx, {
      fileName: "people.csv",
      text: "First name,Email\nZoe,zoe@example.test\n",
      mapping: { firstName: 0, email: 1 },
      mode: "skip",
    });
    const rows = await entriesOf(o.orgId);
    expect(rows.find((r) => r.action === "customer.updated")).toMatchObject({
      targetId: a.id,
      targetLabel: "Ann Lee",
      before: { company: "" },
      after: { company: "Acme" },
    });
    expect(rows.find((r) => r.action === "customer.consent_changed" && r.targetId === a.id)).toMatchObject({
      before: { marketingConsent: "unknown" },
      after: { marketingConsent: "subscribed" },
    });
    expect(rows.find((r) => r.action === "customer.consent_changed" && r.targetId === c.id)).toMatchObject({
      after: { doNotContact: true },
    });
    expect(rows.find((r) => r.action === "customer.merged")).toMatchObject({
      targetId: a.id,
      data: { mergedId: b.id },
    });
    expect(rows.find((r) => r.action === "customer.deleted")).toMatchObject({
      targetId: c.id,
      before: { firstName: "Cy" },
    });
    expect(rows.find((r) => r.action === "customers.imported")).toMatchObject({
      targetLabel: "people.csv",
      data: { rows: 1, mode: "skip" },
    });
    expect(await actionsOf(o.orgId)).toContain("customers.exported");
    // The deleted customer's history stays readable by its id.
    expect((await recordHistory(o.owner.ctx, "customer", c.id)).map((e) => e.action)).toEqual(
      expect.arrayContaining(["customer.deleted", "customer.consent_changed"]),
    );
  });

  it("segments, leads and playbooks: create/update/delete, publish, activate, pause, restore", async () => {
    const o = await createTestOrg(db());
    const seg = await createSegment(o.owner.ctx, { name: "VIPs", kind: "static" });
    await updateSegment(o.owner.ctx, seg.id, { name: "Top VIPs", description: "" });
    await deleteSegment(o.owner.ctx, seg.id);
    const stage = (await getPipeline(o.owner.ctx)).stages[0]!;
    const lead = await quickAddLead(o.owner.ctx, { title: "Big deal", stageId: stage.id, value: "10" });
    await deleteLeads(o.owner.ctx, { ids: [lead.id] });
    const graph = linearGraph([{ id: "tag", type: "add_tag", config: { tag: "x" } }]);
    const pb = await createPlaybook(
      o.owner.ctx,
      { name: "Welcome", trigger: "crm/contact.created", reentry: "never" },
      graph,
    );
    await publishDraft(o.owner.ctx, pb.id);
    await setPlaybookStatus(o.owner.ctx, pb.id, "active");
    await setPlaybookStatus(o.owner.ctx, pb.id, "paused");
    const v1 = (await listVersions(o.owner.ctx, pb.id)).find((v) => v.number === 1)!;
    await restoreVersionAsDraft(o.owner.ctx, pb.id, v1.id);

    const segmentHistory = await recordHistory(o.owner.ctx, "segment", seg.id);
    expect(segmentHistory.map((e) => e.action)).toEqual(["segment.deleted", "segment.updated", "segment.created"]);
    expect(segmentHistory[1]).toMatchObject({ before: { name: "VIPs" }, after: { name: "Top VIPs" } });
    expect((await recordHistory(o.owner.ctx, "lead", lead.id)).map((e) => e.action)).toEqual(["lead.deleted"]);
    const playbook = await recordHistory(o.owner.ctx, "playbook", pb.id);
    expect(playbook.map((e) => e.action)).toEqual([
      "playbook.version_restored",
      "playbook.paused",
      "playbook.activated",
      "playbook.published",
      "playbook.created",
    ]);
    expect(playbook[1]).toMatchObject({ before: { status: "active" }, after: { status: "paused" } });
  });

  it("email templates and topics: created and changed, with the changed fields before and after", async () => {
    const org = await createTestOrg(db());
    const topic = await createTopic(org.owner.ctx, { key: "offers", name: "Offers", description: "" });
    await updateTopic(org.owner.ctx, topic.id, { name: "Special offers" });
    const template = await createTemplate(org.owner.ctx, {
      name: "Welcome",
      subject: "Hello {{contact.first_name}}",
      body: "Welcome aboard.",
      category: "marketing",
      topicKey: "offers",
    });
    await updateTemplate(org.owner.ctx, template.id, {
      name: "Welcome",
      subject: "Hi {{contact.first_name}}",
      body: "Welcome aboard.",
      category: "marketing",
      topicKey: "offers",
    });
    const entries = await entriesOf(org.orgId);
    const one = (action: string) => entries.find((e) => e.action === action)!;
    expect(one("email.topic_created").after).toMatchObject({ key: "offers", name: "Offers" });
    expect(one("email.topic_updated")).toMatchObject({ before: { name: "Offers" }, after: { name: "Special offers" } });
    expect(one("email.template_created")).toMatchObject({ targetId: template.id, targetLabel: "Welcome" });
    expect(one("email.template_updated")).toMatchObject({
      before: { subject: "Hello {{contact.first_name}}" },
      after: { subject: "Hi {{contact.first_name}}" },
    });
    expect(Object.keys(one("email.template_updated").after!)).toEqual(["subject"]);
  });

  it("bulk changes: customers tagged and assigned, leads assigned", async () => {
    const o = await createTestOrg(db());
    const a = await makeContact(db(), o.orgId);
    const b = await makeContact(db(), o.orgId);
    expect(await bulkUpdate(o.rep.ctx, { op: "tag", ids: [a.id, b.id], tag: "vip" })).toBe(2);
    await bulkUpdate(o.owner.ctx, { op: "assign", ids: [a.id], ownerId: o.rep.id });
    const pipeline = await getPipeline(o.owner.ctx);
    const lead = await quickAddLead(o.owner.ctx, { title: "Deal", stageId: pipeline.stages[0]!.id, value: "10" });
    await assignLeads(o.owner.ctx, { ids: [lead.id], ownerId: o.rep.id });
    const entries = await entriesOf(o.orgId);
    const bulk = entries.filter((e) => e.action === "customers.bulk_updated");
    expect(bulk.map((e) => e.data.op).sort()).toEqual(["assign", "tag"]);
    expect(bulk.find((e) => e.data.op === "tag")).toMatchObject({ actorId: o.rep.id, targetLabel: "2 customers" });
    expect(entries.find((e) => e.action === "lead.assigned")).toMatchObject({
      targetId: lead.id,
      after: { ownerId: o.rep.id },
    });
  });

  it("a failing change leaves no entry", async () => {
    const o = await createTestOrg(db());
    await expect(
      db().transaction(async (tx) => {
        await changeRole({ ...o.owner.ctx, db: tx }, { userId: o.rep.id, role: "owner" });
        throw new Error("the rest of the change failed");
      }),
    ).rejects.toThrow("the rest of the change failed");
    expect(await entriesOf(o.orgId)).toEqual([]);
    const [rep] = await db().select({ role: users.role }).from(users).where(eq(users.id, o.rep.id));
    expect(rep!.role).toBe("rep");
  });

  it("a failing audit write fails the change (fail-closed)", async () => {
    const o = await createTestOrg(db());
    await breakAuditFor(o.orgId);
    await expect(changeRole(o.owner.ctx, { userId: o.rep.id, role: "owner" })).rejects.toThrow();
    const [rep] = await db().select({ role: users.role }).from(users).where(eq(users.id, o.rep.id));
    expect(rep!.role).toBe("rep");
    const c = await makeContact(db(), o.orgId);
    await expect(deleteContact(o.owner.ctx, c.id)).rejects.toThrow();
    expect(await db().select().from(contacts).where(eq(contacts.id, c.id))).toHaveLength(1);
    // Another organisation is unaffected.
    const other = await createTestOrg(db());
    await changeRole(other.owner.ctx, { userId: other.rep.id, role: "owner" });
  });
});

describe("the system acts as itself", () => {
  it("a playbook's send names the playbook run, never a person", async () => {
    const o = await createTestOrg(db());
    await withEmailDefaults(db(), o.orgId);
    const c = await makeContact(db(), o.orgId);
    const runId = randomUUID();
    const actor = playbookRunActor({ id: randomUUID(), name: "Win-back" }, runId);
    await sendEmail(systemCtx(db(), o.orgId, actor), {
      ...marketingInput(c.id, `pb-${runId}`),
      source: { type: "playbook", runId },
    });
    const [entry] = (await entriesOf(o.orgId)).filter((e) => e.action === "email.sent");
    expect(entry).toMatchObject({
      actorKind: "system",
      actorId: null,
      actorKey: "system:playbook",
      actorLabel: `Playbook Win-back (run ${runId.slice(0, 6)})`,
      targetId: c.id,
    });
  });

  it("the daily lifecycle sweep (a cron job) records its stage changes as the system", async () => {
    const o = await createTestOrg(db());
    const now = new Date("2026-11-21T12:00:00Z");
    const c = await makeContact(db(), o.orgId, {
      lifecycleStage: "active",
      totalVisits: 1,
      lastVisitAt: new Date(now.getTime() - 400 * 86_400_000),
    });
    expect(await applyInactivityRules(db(), o.orgId, now)).toBe(1);
    const [entry] = await entriesOf(o.orgId);
    expect(entry).toMatchObject({
      action: "customer.lifecycle_changed",
      actorKind: "system",
      actorId: null,
      actorKey: "system:lifecycle_sweep",
      targetId: c.id,
      before: { lifecycleStage: "active" },
    });
  });
});

describe("reading the log", () => {
  async function orgWithEntries(n: number): Promise<TestOrg> {
    const o = await createTestOrg(db());
    for (let i = 0; i < n; i++)
      await recordAudit(db(), o.owner.ctx, { action: "segment.created", target: { id: randomUUID(), label: `S${i}` } });
    return o;
  }

  it("owners only: a rep and staff are refused", async () => {
    const o = await orgWithEntries(1);
    await expect(listAuditEntries(o.rep.ctx, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(listAuditEntries(o.staff.ctx, {})).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("another organisation's owner sees none of the entries, whatever the filters", async () => {
    const o = await orgWithEntries(3);
    const other = await createTestOrg(db());
    const mine = await listAuditEntries(o.owner.ctx, {});
    expect(mine.entries).toHaveLength(3);
    const theirs = await listAuditEntries(other.owner.ctx, {});
    expect(theirs.entries.map((e) => e.id)).not.toEqual(expect.arrayContaining([mine.entries[0]!.id]));
    expect(
      (await listAuditEntries(other.owner.ctx, { actor: `user:${o.owner.id}` })).entries,
      "filtering by the other org's owner",
    ).toEqual([]);
    const target = mine.entries[0]!;
    expect(await recordHistory(other.owner.ctx, "segment", target.targetId!)).toEqual([]);
  });

  it("pages by cursor without gaps or repeats, newest first, even within one millisecond", async () => {
    const o = await createTestOrg(db());
    // Five entries in one statement share created_at: the id breaks the tie.
    await db().execute(sql`
      insert into audit_events (org_id, actor_kind, actor_key, action, target_type, created_at)
      select ${o.orgId}::uuid, 'system', 'system:demo_seed', 'segment.created', 'segment', now()
      from generate_series(1, 5)`);
    await orgWithEntries(0);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await listAuditEntries(o.owner.ctx, { cursor }, 2);
      seen.push(...page.entries.map((e) => e.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
    const all = await listAuditEntries(o.owner.ctx, {}, 50);
    expect(all.entries.map((e) => e.id)).toEqual(seen);
  });

  it("filters by actor, action, target and a date range in the organisation's zone", async () => {
    const o = await createTestOrg(db());
    await db().execute(sql`update organizations set time_zone = 'America/New_York' where id = ${o.orgId}::uuid`);
    const at = async (iso: string, action: string, actorKey: string, targetType = "segment") =>
      db().execute(sql`
        insert into audit_events (org_id, actor_kind, actor_key, action, target_type, created_at)
        values (${o.orgId}::uuid, 'user', ${actorKey}, ${action}, ${targetType}, ${iso}::timestamptz)`);
    // 2026-12-02 in New York runs from 05:00 UTC on the 2nd to 05:00 UTC on the 3rd.
    await at("2026-12-02T04:59:00Z", "segment.created", `user:${o.owner.id}`);
    await at("2026-12-02T05:00:00Z", "segment.updated", `user:${o.owner.id}`);
    await at("2026-12-03T04:59:00Z", "segment.deleted", `user:${o.rep.id}`);
    await at("2026-12-03T05:00:00Z", "playbook.paused", `user:${o.rep.id}`, "playbook");
    const actions = async (f: Record<string, string>) =>
      (await listAuditEntries(o.owner.ctx, f)).entries.map((e) => e.action);
    expect(await actions({ from: "2026-12-02", to: "2026-12-02" })).toEqual(["segment.deleted", "segment.updated"]);
    expect(await actions({ actor: `user:${o.rep.id}` })).toEqual(["playbook.paused", "segment.deleted"]);
    expect(await actions({ action: "segment.created" })).toEqual(["segment.created"]);
    expect(await actions({ targetType: "playbook" })).toEqual(["playbook.paused"]);
    expect(startOfDayIn("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    await expect(listAuditEntries(o.owner.ctx, { action: "made.up" })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["action"] })],
    });
  });

  it("the CSV export is formula-safe and follows the filters", async () => {
    const o = await createTestOrg(db());
    await recordAudit(db(), o.owner.ctx, { action: "segment.created", target: { label: '=HYPERLINK("http://x")' } });
    await recordAudit(db(), o.owner.ctx, { action: "segment.deleted", target: { label: "Gone" } });
    let csv = "";
    const settings = { locale: "en-US", timeZone: "UTC", currency: "USD" };
    for await (const chunk of auditCsvLines(o.owner.ctx, { action: "segment.created" }, settings)) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).not.toContain("Gone");
    await expect(auditCsvLines(o.rep.ctx, {}, settings).next()).rejects.toBeInstanceOf(ForbiddenError);
  });

  it.skipIf(!usingPostgres)("the first page is served by the (org, created_at, id) index", async () => {
    const o = await orgWithEntries(1);
    const plan = await db().transaction(async (tx) => {
      // A handful of rows would be read whole; turn that off to see which index the order can use.
      await tx.execute(sql`set local enable_seqscan = off`);
      await tx.execute(sql`set local enable_bitmapscan = off`);
      await tx.execute(sql`set local enable_sort = off`);
      return tx.execute(
        sql`explain select id from audit_events where org_id = ${o.orgId}::uuid order by created_at desc nulls last, id desc nulls last limit 51`,
      );
    });
    expect(JSON.stringify(plan)).toContain("audit_events_org_idx");
    expect(JSON.stringify(plan)).not.toContain("Sort");
  });
});
