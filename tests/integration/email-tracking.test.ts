import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { emailEvents, emailMessages, eventOutbox } from "@/db/schema";
import { sendEmail } from "@/lib/email/send";
import { ensureEmailDefaults } from "@/lib/email/topics";
import { signSvix } from "@/lib/email/svix";
import { GET as track } from "@/app/r/[token]/route";
import { POST as webhook } from "@/app/api/webhooks/resend/route";
import { createTestOrg, setupTestDb } from "./helpers";
import { makeContact, marketingInput } from "../email/fixtures";

const db = setupTestDb();
const SECRET = `whsec_${Buffer.from("a-test-webhook-secret-of-32-bytes!").toString("base64")}`;
beforeAll(() => {
  process.env.RESEND_WEBHOOK_SECRET = SECRET;
});
afterAll(() => {
  delete process.env.RESEND_WEBHOOK_SECRET;
});

/** A message sent `agoMs` before the test reads it (a person opens mail later than a proxy does). */
async function sent(agoMs = 3_600_000) {
  const o = await createTestOrg(db());
  await ensureEmailDefaults(db(), o.orgId);
  const c = await makeContact(db(), o.orgId);
  const { messageId } = await sendEmail(o.owner.ctx, marketingInput(c.id, "t"));
  await db()
    .update(emailMessages)
    .set({ sentAt: new Date(Date.now() - agoMs) })
    .where(eq(emailMessages.id, messageId));
  const [m] = await db().select().from(emailMessages).where(eq(emailMessages.id, messageId));
  return { o, c, m: m! };
}

const tokenIn = (html: string, predicate: (href: string) => boolean) => {
  const hrefs = [...html.matchAll(/(?:href|src)="([^"]+\/r\/[^"]+)"/g)].map((x) => x[1]!.replace(/&amp;/g, "&"));
  return new URL(hrefs.find(predicate)!).pathname.split("/").pop()!;
};
const params = (token: string) => ({ params: Promise.resolve({ token }) });
const events = (messageId: string) =>
  db()
    .select({ type: emailEvents.type, data: emailEvents.data })
    .from(emailEvents)
    .where(eq(emailEvents.messageId, messageId));
const outboxNames = async (orgId: string) =>
  (await db().select({ name: eventOutbox.name }).from(eventOutbox).where(eq(eventOutbox.orgId, orgId))).map(
    (e) => e.name,
  );

describe("click and open tracking", () => {
  it("a click redirects only to the message's URL and records it; an open returns a pixel", async () => {
    const { o, m } = await sent();
    const links = [...m.html.matchAll(/<a href="([^"]+)"/g)].map((x) => x[1]!);
    const click = new URL(links[0]!).pathname.split("/").pop()!;
    const open = tokenIn(m.html, (h) => !links.includes(h));
    const pixel = await track(new Request("http://x/r/"), params(open));
    expect(pixel.headers.get("content-type")).toBe("image/gif");
    const res = await track(new Request("http://x/r/"), params(click));
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("https://shop.example/offers?x=1&y=2");
    expect((await events(m.id)).map((e) => e.type).sort()).toEqual(["clicked", "opened", "sent"]);
    const [after] = await db()
      .select({ status: emailMessages.status })
      .from(emailMessages)
      .where(eq(emailMessages.id, m.id));
    expect(after!.status).toBe("clicked");
    expect(await outboxNames(o.orgId)).toEqual(
      expect.arrayContaining(["crm/email.opened", "crm/email.clicked", "crm/contact.engaged"]),
    );
    // A forged URL in the token fails the signature.
    const [body, sig] = click.split(".");
    const forged = `${Buffer.from(Buffer.from(body!, "base64url").toString().replace("shop.example", "evil.example")).toString("base64url")}.${sig}`;
    expect((await track(new Request("http://x/r/"), params(forged))).status).toBe(400);
  });

  it("keeps an open within seconds of sending as a machine's: recorded, but the message is not opened and nothing hears of it", async () => {
    const { o, m } = await sent(0);
    const links = [...m.html.matchAll(/<a href="([^"]+)"/g)].map((x) => x[1]!);
    await track(new Request("http://x/r/"), params(tokenIn(m.html, (h) => !links.includes(h))));
    const opens = (await events(m.id)).filter((e) => e.type === "opened");
    expect(opens.map((e) => e.data.machineReason)).toEqual(["too_soon_after_delivery"]);
    const [after] = await db()
      .select({ status: emailMessages.status })
      .from(emailMessages)
      .where(eq(emailMessages.id, m.id));
    expect(after!.status).toBe("sent");
    expect(await outboxNames(o.orgId)).not.toContain("crm/email.opened");
  });
});

function signed(id: string, payload: unknown, { secret = SECRET, at = Math.floor(Date.now() / 1000) } = {}) {
  const body = JSON.stringify(payload);
  return new Request("http://x/api/webhooks/resend", {
    method: "POST",
    body,
    headers: { "svix-id": id, "svix-timestamp": String(at), "svix-signature": signSvix(secret, id, at, body) },
  });
}

describe("Resend webhooks (Svix)", () => {
  it("valid: recorded once; replayed: 200 and nothing new; wrong or stale signature: 401 and nothing", async () => {
    const { m } = await sent();
    const payload = { type: "email.delivered", created_at: new Date().toISOString(), data: { email_id: m.providerId } };
    const id = `msg_${m.id}`;
    expect((await webhook(signed(id, payload))).status).toBe(200);
    expect((await webhook(signed(id, payload))).status).toBe(200);
    const wrong = signed(`${id}-2`, payload, { secret: `whsec_${Buffer.from("another-secret").toString("base64")}` });
    expect((await webhook(wrong)).status).toBe(401);
    expect((await webhook(signed(`${id}-3`, payload, { at: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(401);
    const tampered = signed(`${id}-4`, payload);
    const bad = new Request(tampered.url, {
      method: "POST",
      body: JSON.stringify({ ...payload, type: "email.complained" }),
      headers: tampered.headers,
    });
    expect((await webhook(bad)).status).toBe(401);
    expect((await events(m.id)).filter((e) => e.type === "delivered")).toHaveLength(1);
    expect((await events(m.id)).some((e) => e.type === "complained")).toBe(false);
    const [after] = await db()
      .select({ status: emailMessages.status })
      .from(emailMessages)
      .where(eq(emailMessages.id, m.id));
    expect(after!.status).toBe("delivered");
  });

  it("a hard bounce suppresses every later email to the address; a complaint suppresses marketing", async () => {
    const { o, c, m } = await sent();
    await webhook(
      signed(`b-${m.id}`, {
        type: "email.bounced",
        data: { email_id: m.providerId, bounce: { type: "Permanent", message: "No such user" } },
      }),
    );
    expect(
      await sendEmail(o.owner.ctx, { ...marketingInput(c.id, "tx"), category: "transactional", topicKey: null }),
    ).toMatchObject({ status: "suppressed", suppressionReason: "bounced" });
    const other = await sent();
    await webhook(signed(`c-${other.m.id}`, { type: "email.complained", data: { email_id: other.m.providerId } }));
    expect((await sendEmail(other.o.owner.ctx, marketingInput(other.c.id, "m2"))).suppressionReason).toBe("complained");
    expect(
      (
        await sendEmail(other.o.owner.ctx, {
          ...marketingInput(other.c.id, "tx2"),
          category: "transactional",
          topicKey: null,
        })
      ).status,
    ).toBe("sent");
    const [st] = await db()
      .select({ status: emailMessages.status })
      .from(emailMessages)
      .where(and(eq(emailMessages.id, other.m.id)));
    expect(st!.status).toBe("complained");
  });
});
