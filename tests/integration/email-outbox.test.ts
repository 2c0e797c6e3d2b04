import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { eventOutbox } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { getMessage, listMessages } from "@/lib/email/outbox";
import { previewHtml } from "@/lib/email/preview";
import { contactEmailPreferences, setContactTopic, setDoNotContact } from "@/lib/email/contact-preferences";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { can } from "@/lib/auth/permissions";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { createTestOrg, setupTestDb } from "./helpers";
import { makeContact, marketingInput } from "../email/fixtures";

const db = setupTestDb();

async function setup() {
  const o = await createTestOrg(db());
  await ensureEmailDefaults(db(), o.orgId);
  const c = await makeContact(db(), o.orgId);
  return { o, c };
}

describe("outbox", () => {
  it("owners and staff read it, reps are forbidden, another org reads not found", async () => {
    const { o, c } = await setup();
    const other = await createTestOrg(db());
    const { messageId } = await sendEmail(o.owner.ctx, marketingInput(c.id, "a"));
    expect((await listMessages(o.owner.ctx, {})).messages.map((m) => m.id)).toEqual([messageId]);
    expect((await getMessage(o.staff.ctx, messageId)).message.id).toBe(messageId);
    await expect(listMessages(o.rep.ctx, {})).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getMessage(o.rep.ctx, messageId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getMessage(other.owner.ctx, messageId)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listMessages(other.owner.ctx, {})).messages).toEqual([]);
    expect(can("staff", "email:manage")).toBe(false);
  });

  it("filters by status, source and contact, and pages with a cursor", async () => {
    const { o, c } = await setup();
    const gone = await makeContact(db(), o.orgId, { marketingConsent: "unsubscribed" });
    for (let i = 0; i < 55; i++)
      await sendEmail(o.owner.ctx, marketingInput(c.id, `p${i}`, { source: { type: "campaign", id: "spring" } }));
    await sendEmail(o.owner.ctx, marketingInput(gone.id, "s"));
    const first = await listMessages(o.owner.ctx, {});
    expect(first.messages).toHaveLength(50);
    const second = await listMessages(o.owner.ctx, { cursor: first.nextCursor! });
    expect(second.messages).toHaveLength(6);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.messages, ...second.messages].map((m) => m.id)).size).toBe(56);
    expect((await listMessages(o.owner.ctx, { status: "suppressed" })).messages.map((m) => m.contactId)).toEqual([
      gone.id,
    ]);
    expect((await listMessages(o.owner.ctx, { source: "manual" })).messages).toHaveLength(1);
    expect((await listMessages(o.owner.ctx, { contact: gone.id })).messages).toHaveLength(1);
  });

  it("the in-app preview drops the open pixel, so reading it is not an open", async () => {
    const { o, c } = await setup();
    const { messageId } = await sendEmail(o.owner.ctx, marketingInput(c.id, "px"));
    const { message } = await getMessage(o.owner.ctx, messageId);
    const pixels = (html: string) => (html.match(/<img[^>]*width="1"/g) ?? []).length;
    expect(pixels(message.html)).toBe(1);
    expect(pixels(previewHtml(message))).toBe(0);
  });
});

describe("email preferences on the profile", () => {
  it("staff change topics and do-not-contact; the unsubscribe event is emitted; reps/staff of another org cannot", async () => {
    const { o, c } = await setup();
    const other = await createTestOrg(db());
    await setContactTopic(o.staff.ctx, { contactId: c.id, topicKey: "promotions", subscribed: false });
    const prefs = await contactEmailPreferences(o.rep.ctx, c.id);
    expect(prefs.topics.find((t) => t.key === "promotions")!.subscribed).toBe(false);
    const events = await db()
      .select()
      .from(eventOutbox)
      .where(and(eq(eventOutbox.orgId, o.orgId), eq(eventOutbox.name, "crm/contact.unsubscribed")));
    expect(events).toHaveLength(1);
    await setDoNotContact(o.staff.ctx, { contactId: c.id, doNotContact: true });
    expect(
      (await sendEmail(o.owner.ctx, marketingInput(c.id, "n", { topicKey: "newsletters" }))).suppressionReason,
    ).toBe("do_not_contact");
    await expect(setDoNotContact(other.owner.ctx, { contactId: c.id, doNotContact: false })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      setContactTopic(other.owner.ctx, { contactId: c.id, topicKey: "promotions", subscribed: true }),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(contactEmailPreferences(other.owner.ctx, c.id)).rejects.toBeInstanceOf(NotFoundError);
  });
});
