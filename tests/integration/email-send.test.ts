import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { activities, emailMessages } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { createTemplate, getTemplate, listTemplates, updateTemplate } from "@/lib/email/templates";
import { createTopic, ensureEmailDefaults, listTopics } from "@/lib/email/topics";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createTestOrg, setupTestDb } from "./helpers";
import { makeContact, marketingInput } from "../email/fixtures";

const db = setupTestDb();

async function org() {
  const o = await createTestOrg(db());
  await ensureEmailDefaults(db(), o.orgId);
  return o;
}

describe("sendEmail through the local outbox", () => {
  it("stores, renders and marks a marketing message sent, with RFC 8058 headers and a timeline entry", async () => {
    const o = await org();
    const c = await makeContact(db(), o.orgId);
    const res = await sendEmail(o.owner.ctx, marketingInput(c.id, "k1"));
    expect(res).toMatchObject({ status: "sent", suppressionReason: null });
    const [m] = await db().select().from(emailMessages).where(eq(emailMessages.id, res.messageId));
    expect(m!.subject).toBe("Hello Ana");
    expect(m!.headers["List-Unsubscribe"]).toMatch(/^<http.*\/u\/[^>]+>$/);
    expect(m!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    expect(m!.html).toContain("/r/");
    expect(m!.html).not.toContain("shop.example"); // links go through the signed redirect
    expect(m!.text).toContain("our offers (https://shop.example/offers?x=1&y=2)");
    expect(m!.text).toContain("/u/");
    expect(m!.providerId).toBe(`local_${m!.id}`);
    const timeline = await db()
      .select()
      .from(activities)
      .where(and(eq(activities.contactId, c.id), eq(activities.type, "email.sent")));
    expect(timeline).toHaveLength(1);
  });

  it("a repeated idempotency key returns the first message and sends nothing new", async () => {
    const o = await org();
    const c = await makeContact(db(), o.orgId);
    const a = await sendEmail(o.owner.ctx, marketingInput(c.id, "same"));
    const b = await sendEmail(o.owner.ctx, marketingInput(c.id, "same"));
    expect(b.messageId).toBe(a.messageId);
    expect(await db().select().from(emailMessages).where(eq(emailMessages.orgId, o.orgId))).toHaveLength(1);
  });

  it("escapes token values: a name like <script> arrives as text", async () => {
    const o = await org();
    const c = await makeContact(db(), o.orgId, { firstName: "<script>alert(1)</script>" });
    const res = await sendEmail(o.owner.ctx, marketingInput(c.id, "x"));
    const [m] = await db().select().from(emailMessages).where(eq(emailMessages.id, res.messageId));
    expect(m!.html).not.toContain("<script>");
    expect(m!.html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(m!.text).toContain("Hi <script>alert(1)</script>,");
  });

  it("uses fallbacks for blank values", async () => {
    const o = await org();
    const c = await makeContact(db(), o.orgId, { firstName: " " });
    const res = await sendEmail(o.owner.ctx, marketingInput(c.id, "f"));
    const [m] = await db().select().from(emailMessages).where(eq(emailMessages.id, res.messageId));
    expect(m!.text.startsWith("Hi there,")).toBe(true);
  });

  it("an unsubscribed contact's marketing message is suppressed, a transactional one is sent", async () => {
    const o = await org();
    const c = await makeContact(db(), o.orgId, { marketingConsent: "unsubscribed" });
    const m = await sendEmail(o.owner.ctx, marketingInput(c.id, "m"));
    expect(m).toMatchObject({ status: "suppressed", suppressionReason: "unsubscribed" });
    const t = await sendEmail(o.owner.ctx, { ...marketingInput(c.id, "t"), category: "transactional", topicKey: null });
    expect(t.status).toBe("sent");
    const dnc = await makeContact(db(), o.orgId, { doNotContact: true });
    expect((await sendEmail(o.owner.ctx, marketingInput(dnc.id, "d"))).suppressionReason).toBe("do_not_contact");
    const none = await makeContact(db(), o.orgId, { email: null });
    expect((await sendEmail(o.owner.ctx, marketingInput(none.id, "n"))).suppressionReason).toBe("no_email");
  });

  it("sends a template to a teammate (transactional only)", async () => {
    const o = await org();
    const [receipt] = (await listTemplates(o.owner.ctx)).filter((t) => t.key === "receipt");
    const res = await sendEmail(o.owner.ctx, {
      recipient: { userId: o.rep.id },
      content: { templateId: receipt!.id },
      category: "transactional",
      source: { type: "system" },
      idempotencyKey: "u1",
    });
    expect(res.status).toBe("sent");
    await expect(
      sendEmail(o.owner.ctx, { ...marketingInput(o.rep.id, "u2"), recipient: { userId: o.rep.id } }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it("rejects unknown tokens, a missing topic and another org's contact", async () => {
    const o = await org();
    const other = await org();
    const c = await makeContact(db(), o.orgId);
    const bad = { ...marketingInput(c.id, "b"), content: { subject: "Hi {{contact.nickname}}", body: "x" } };
    await expect(sendEmail(o.owner.ctx, bad)).rejects.toMatchObject({
      fieldErrors: { subject: expect.stringContaining("contact.nickname") },
    });
    await expect(sendEmail(o.owner.ctx, marketingInput(c.id, "c", { topicKey: "nope" }))).rejects.toBeInstanceOf(
      ValidationError,
    );
    await expect(sendEmail(other.owner.ctx, marketingInput(c.id, "d"))).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("templates and topics", () => {
  it("validates tokens per field when saved; owners only; another org reads not found", async () => {
    const o = await org();
    const other = await org();
    const input = {
      name: "Spring",
      subject: "Hi {{contact.first_name}}",
      body: 'Code {{discount.code | "SPRING"}}',
      category: "marketing" as const,
      topicKey: "promotions",
    };
    const { id } = await createTemplate(o.owner.ctx, input);
    expect((await getTemplate(o.owner.ctx, id)).name).toBe("Spring");
    await expect(createTemplate(o.owner.ctx, { ...input, body: "Hi {{contact.shoe_size}}" })).rejects.toMatchObject({
      fieldErrors: { body: expect.stringContaining("Unknown token {{contact.shoe_size}}") },
    });
    await expect(createTemplate(o.owner.ctx, { ...input, subject: "Hi {{contact.first_name" })).rejects.toMatchObject({
      fieldErrors: { subject: expect.stringContaining("not closed") },
    });
    await expect(createTemplate(o.owner.ctx, { ...input, topicKey: "ghosts" })).rejects.toMatchObject({
      fieldErrors: { topicKey: expect.any(String) },
    });
    await expect(createTemplate(o.staff.ctx, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(createTemplate(o.rep.ctx, input)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getTemplate(other.owner.ctx, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateTemplate(other.owner.ctx, id, input)).rejects.toBeInstanceOf(NotFoundError);
    await expect(createTemplate(o.owner.ctx, { ...input, key: "welcome" })).rejects.toMatchObject({
      fieldErrors: { key: expect.any(String) },
    });
  });

  it("ensureEmailDefaults is idempotent; topics are per org and owner-managed", async () => {
    const o = await org();
    await ensureEmailDefaults(db(), o.orgId);
    expect((await listTopics(o.owner.ctx)).map((t) => t.key).sort()).toEqual([
      "newsletters",
      "promotions",
      "reminders",
    ]);
    await createTopic(o.owner.ctx, { key: "events", name: "Events" });
    await expect(createTopic(o.owner.ctx, { key: "events", name: "Again" })).rejects.toBeInstanceOf(ValidationError);
    await expect(createTopic(o.staff.ctx, { key: "x", name: "X" })).rejects.toBeInstanceOf(ForbiddenError);
    const other = await org();
    expect((await listTopics(other.owner.ctx)).some((t) => t.key === "events")).toBe(false);
  });
});
