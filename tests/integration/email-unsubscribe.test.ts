import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { activities, contacts, emailMessages, emailTopicOptOuts, eventOutbox } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { GET, POST } from "@/app/u/[token]/route";
import { createTestOrg, setupTestDb } from "./helpers";
import { makeContact, marketingInput } from "../email/fixtures";

const db = setupTestDb();

async function sentMessage(overrides: Parameters<typeof makeContact>[2] = {}) {
  const o = await createTestOrg(db());
  await ensureEmailDefaults(db(), o.orgId);
  const c = await makeContact(db(), o.orgId, overrides);
  const res = await sendEmail(o.owner.ctx, marketingInput(c.id, "first"));
  const [m] = await db().select().from(emailMessages).where(eq(emailMessages.id, res.messageId));
  // The URL exactly as a mail client reads it from the sent message's header.
  const url = m!.headers["List-Unsubscribe"]!.slice(1, -1);
  const token = new URL(url).pathname.split("/").pop()!;
  return { o, c, m: m!, url, token };
}

const oneClick = (url: string) =>
  new Request(url, {
    method: "POST",
    body: "List-Unsubscribe=One-Click",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
const form = (url: string, fields: Record<string, string>) =>
  new Request(url, {
    method: "POST",
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
const params = (token: string) => ({ params: Promise.resolve({ token }) });

async function state(orgId: string, contactId: string) {
  const [c] = await db()
    .select({ consent: contacts.marketingConsent })
    .from(contacts)
    .where(eq(contacts.id, contactId));
  const optOuts = await db()
    .select({ topicKey: emailTopicOptOuts.topicKey })
    .from(emailTopicOptOuts)
    .where(and(eq(emailTopicOptOuts.orgId, orgId), eq(emailTopicOptOuts.contactId, contactId)));
  const unsubscribedActivities = await db()
    .select()
    .from(activities)
    .where(and(eq(activities.contactId, contactId), eq(activities.type, "email.unsubscribed")));
  const events = await db()
    .select({ name: eventOutbox.name, data: eventOutbox.data })
    .from(eventOutbox)
    .where(and(eq(eventOutbox.orgId, orgId), eq(eventOutbox.name, "crm/contact.unsubscribed")));
  return {
    consent: c!.consent,
    optOuts: optOuts.map((o) => o.topicKey),
    activities: unsubscribedActivities.length,
    events,
  };
}

describe("RFC 8058 unsubscribe", () => {
  it("POST with the RFC body and no cookies unsubscribes at once: 200, no redirect, timeline, event", async () => {
    const { o, c, m, url, token } = await sentMessage();
    const res = await POST(oneClick(url), params(token));
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("set-cookie")).toBeNull();
    const after = await state(o.orgId, c.id);
    expect(after.optOuts).toEqual(["promotions"]);
    expect(after.activities).toBe(1);
    expect(after.events).toEqual([
      {
        name: "crm/contact.unsubscribed",
        data: { orgId: o.orgId, contactId: c.id, topicKey: "promotions", messageId: m.id },
      },
    ]);
    // Repeating it changes nothing more.
    expect((await POST(oneClick(url), params(token))).status).toBe(200);
    expect((await state(o.orgId, c.id)).activities).toBe(1);
    // Effective for the next send: that topic is suppressed, another topic and transactional mail are not.
    expect(await sendEmail(o.owner.ctx, marketingInput(c.id, "next"))).toMatchObject({
      status: "suppressed",
      suppressionReason: "topic_unsubscribed",
    });
    expect((await sendEmail(o.owner.ctx, marketingInput(c.id, "news", { topicKey: "newsletters" }))).status).toBe(
      "sent",
    );
    expect(
      (await sendEmail(o.owner.ctx, { ...marketingInput(c.id, "receipt"), category: "transactional", topicKey: null }))
        .status,
    ).toBe("sent");
  });

  it("GET shows the page and changes nothing", async () => {
    const { o, c, url, token } = await sentMessage();
    const before = await state(o.orgId, c.id);
    const res = await GET(new Request(url), params(token));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain("Unsubscribe from Promotions");
    expect(page).toContain("Unsubscribe from everything");
    expect(page).toContain("Newsletters");
    expect(await state(o.orgId, c.id)).toEqual(before);
  });

  it("a tampered token gets a plain 400 page and changes nothing", async () => {
    const { o, c, url, token } = await sentMessage();
    const before = await state(o.orgId, c.id);
    const [body, sig] = token.split(".");
    const flipped = `${body}.${sig!.slice(0, -2)}${sig!.endsWith("AA") ? "BB" : "AA"}`;
    const otherContact = `${Buffer.from(Buffer.from(body!, "base64url").toString().replace(c.id, o.owner.id)).toString("base64url")}.${sig}`;
    for (const bad of [flipped, otherContact, "garbage", `${token}x`]) {
      const badUrl = url.replace(token, bad);
      expect((await POST(oneClick(badUrl), params(bad))).status).toBe(400);
      const get = await GET(new Request(badUrl), params(bad));
      expect(get.status).toBe(400);
      expect(await get.text()).toContain("This link is not valid");
    }
    expect(await state(o.orgId, c.id)).toEqual(before);
  });

  it("the page unsubscribes from everything and resubscribes", async () => {
    const { o, c, url, token } = await sentMessage();
    const res = await POST(form(url, { action: "unsubscribe_all" }), params(token));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You are unsubscribed from all marketing email.");
    expect((await state(o.orgId, c.id)).consent).toBe("unsubscribed");
    expect((await state(o.orgId, c.id)).events.at(-1)!.data).toMatchObject({ topicKey: null });
    expect(
      (await sendEmail(o.owner.ctx, marketingInput(c.id, "after", { topicKey: "newsletters" }))).suppressionReason,
    ).toBe("unsubscribed");
    await POST(form(url, { action: "resubscribe_all" }), params(token));
    expect((await state(o.orgId, c.id)).consent).toBe("subscribed");
    await POST(form(url, { action: "unsubscribe_topic", topic: "newsletters" }), params(token));
    await POST(form(url, { action: "resubscribe_topic", topic: "newsletters" }), params(token));
    expect((await state(o.orgId, c.id)).optOuts).toEqual([]);
    expect((await POST(form(url, { action: "unsubscribe_topic", topic: "no-such" }), params(token))).status).toBe(400);
  });
});
