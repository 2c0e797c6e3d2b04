import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { contacts, emailMessages, emailTemplates } from "../schema";
import { systemActor, systemCtx } from "@/lib/actors";
import { prepareMessages } from "@/lib/email/prepare";
import { applyOutcomes } from "@/lib/email/deliver";
import { localTransport } from "@/lib/email/transport/local";
import { outgoing } from "@/lib/email/deliver";
import { recordEngagement } from "@/lib/email/tracking";
import { changePreferences } from "@/lib/email/unsubscribe";
import { createFormatter, type FormatSettings } from "@/lib/format";

/** Days the demo win-back code stays valid, counted from the seed's now. */
export const DEMO_CODE_VALID_DAYS = 14;

/** The demo win-back code, its expiry written from the seed's now in the organisation's format. */
export function demoWinBackDiscount(now: Date, org: FormatSettings) {
  const expires = new Date(now.getTime() + DEMO_CODE_VALID_DAYS * 86_400_000);
  return { code: "COMEBACK15", amount: "15%", expiresAt: createFormatter(org).date(expires) };
}

/**
 * A few emails in the demo outbox, made through the real path (render, consent check, store,
 * hand-over, tracking) but always to the local outbox: demo addresses must never reach a provider.
 */
export async function insertDemoEmail(db: DbOrTx, orgId: string, now: Date, org: FormatSettings) {
  const ctx = systemCtx(db, orgId, systemActor("demo_seed"));
  const people = await db
    .select({ id: contacts.id })
    .from(contacts)
    .where(and(eq(contacts.orgId, orgId), isNotNull(contacts.email)))
    .orderBy(sql`md5(${contacts.email})`)
    .limit(10); // a varied but repeatable pick
  const templates = await db
    .select({ id: emailTemplates.id, key: emailTemplates.key })
    .from(emailTemplates)
    .where(eq(emailTemplates.orgId, orgId));
  const byKey = (k: string) => templates.find((t) => t.key === k)!.id;
  // One customer already left promotions: their win-back email is held back, with the reason.
  await changePreferences(
    db,
    { orgId, contactId: people[9]!.id, messageId: null, topicKey: "promotions" },
    { action: "unsubscribe_topic", topicKey: "promotions" },
    "page",
  );
  const send = async (
    templateId: string,
    category: "marketing" | "transactional",
    ids: string[],
    key: string,
    variables?: { discount: { code: string; amount: string; expiresAt: string | null } },
  ) => {
    const rows = await prepareMessages(
      ctx,
      { content: { templateId }, category, source: { type: "manual" }, variables },
      ids.map((id) => ({ recipient: { contactId: id }, idempotencyKey: `demo:${key}:${id}` })),
    );
    const queued = rows.filter((r) => r.status === "queued");
    const outcomes = await localTransport.sendBatch(
      queued.map((r) => outgoing(r)),
      key,
    );
    await applyOutcomes(db, queued, Array.isArray(outcomes) ? outcomes : queued.map(() => outcomes));
    return rows;
  };
  const welcome = await send(
    byKey("welcome"),
    "marketing",
    people.slice(0, 5).map((p) => p.id),
    "welcome",
  );
  const winBack = await send(
    byKey("win-back"),
    "marketing",
    people.slice(5, 10).map((p) => p.id),
    "win-back",
    { discount: demoWinBackDiscount(now, org) },
  );
  await send(byKey("receipt"), "transactional", [people[0]!.id], "receipt");
  // Sent some hours ago, so the opens below read as people's, not as a machine's on arrival.
  await db
    .update(emailMessages)
    .set({
      sentAt: sql`${emailMessages.sentAt} - interval '3 hours'`,
      createdAt: sql`${emailMessages.createdAt} - interval '3 hours'`,
    })
    .where(
      and(
        eq(emailMessages.orgId, orgId),
        inArray(
          emailMessages.id,
          [...welcome, ...winBack].map((m) => m.id),
        ),
      ),
    );
  for (const m of [welcome[0], welcome[1], winBack[0]])
    await recordEngagement(db, orgId, m!.id, { kind: "opened" }, "tracking", {
      userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0",
      ip: "203.0.113.10",
    });
  // Apple Mail Privacy Protection fetched this one's pixel: recorded, counted as a machine's.
  await recordEngagement(db, orgId, welcome[2]!.id, { kind: "opened" }, "tracking", {
    userAgent: "Mozilla/5.0",
    ip: "17.58.101.4",
  });
  await recordEngagement(
    db,
    orgId,
    winBack[0]!.id,
    { kind: "clicked", url: "https://shop.example/new-arrivals" },
    "tracking",
  );
}
