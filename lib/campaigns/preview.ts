import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import { contacts, organizations } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { requirePermission } from "@/lib/auth/permissions";
import { recordAudit } from "@/lib/audit/record";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { compileCached } from "@/lib/email/compile";
import { emailConfig } from "@/lib/email/config";
import { fillTemplate } from "@/lib/email/fill";
import { withPreheader } from "@/lib/email/preheader";
import { sendEmail } from "@/lib/email/send";
import { inAudience } from "./audience";
import { loadCampaign } from "./campaigns";
import { campaignContent } from "./sending";
import { loadVariants } from "./campaigns";

/** One of the campaign's A/B variants by key, or none (variant A, the campaign's own content). */
async function variantOf(ctx: Ctx, campaignId: string, key: unknown): Promise<string | null> {
  if (typeof key !== "string" || !key) return null;
  const variants = await loadVariants(ctx.db, ctx.orgId, campaignId);
  return variants.some((v) => v.key === key) ? key : null;
}

/**
 * The campaign rendered for one customer of its audience (the one asked for when they are in
 * it, else the first by name), exactly as the send renders it, with the sender — writing nothing.
 */
export async function previewCampaign(ctx: Ctx, id: unknown, contactId?: unknown, variant?: unknown) {
  requirePermission(ctx.actor, "campaigns:read");
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  const wanted = typeof contactId === "string" && /^[0-9a-f-]{36}$/i.test(contactId) ? contactId : null;
  const [person] = await ctx.db
    .select()
    .from(contacts)
    .where(and(inAudience(ctx.orgId, c.id), wanted ? eq(contacts.id, wanted) : undefined))
    .orderBy(asc(sql`lower(${contacts.lastName} || ' ' || ${contacts.firstName})`), asc(contacts.id))
    .limit(1);
  const [org] = await ctx.db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, ctx.orgId));
  const common = await campaignContent(ctx.db, c, await variantOf(ctx, c.id, variant));
  const content = common.content as { subject: string; body: string };
  if (!content.subject.trim() || !content.body.trim()) return null;
  const compiled = await compileCached({ subject: content.subject, body: content.body, category: c.category });
  const filled = fillTemplate(
    compiled,
    {
      "contact.first_name": person?.firstName ?? "Alex",
      "contact.last_name": person?.lastName ?? null,
      "contact.full_name": person ? `${person.firstName} ${person.lastName}`.trim() : "Alex",
      "contact.email": person?.email ?? null,
      "contact.company": person?.company ?? null,
      "org.name": org?.name ?? "",
      "discount.code": null,
      "discount.amount": null,
      "discount.expires_at": null,
    },
    {
      track: (url) => url,
      unsubscribeUrl: c.category === "marketing" ? "#unsubscribe" : null,
      openPixelUrl: null,
      topicName: c.topicKey,
    },
  );
  return {
    as: person ? { id: person.id, name: `${person.firstName} ${person.lastName}`.trim() } : null,
    from: emailConfig().from,
    subject: filled.subject,
    preheader: common.preheader ?? "",
    html: withPreheader(filled.html, common.preheader ?? ""),
    text: filled.text,
  };
}

/** A test of the campaign to the owner's own address: transactional (it reaches a teammate), marked as a test. */
export async function sendCampaignTest(ctx: Ctx, id: unknown, variant?: unknown) {
  requirePermission(ctx.actor, "campaigns:send");
  if (ctx.actor.kind !== "user") throw new ForbiddenError("Only a teammate can send a test to themselves.");
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  const common = await campaignContent(ctx.db, c, await variantOf(ctx, c.id, variant));
  const content = common.content as { subject: string; body: string };
  if (!content.subject.trim()) throw new ValidationError({ subject: "Write a subject" });
  await recordAudit(ctx.db, ctx, { action: "campaign.test_sent", target: { id: c.id, label: c.name } });
  return sendEmail(ctx, {
    ...common,
    recipient: { userId: ctx.actor.id },
    category: "transactional",
    topicKey: null,
    content: { subject: `[Test] ${content.subject}`, body: content.body },
    idempotencyKey: `campaign-test:${c.id}:${randomUUID()}`,
  });
}

/** A few customers of the audience by name, to preview as. */
export async function audienceSample(ctx: Ctx, id: unknown, limit = 50) {
  requirePermission(ctx.actor, "campaigns:read");
  const c = await loadCampaign(ctx.db, ctx.orgId, id);
  return ctx.db
    .select({ id: contacts.id, firstName: contacts.firstName, lastName: contacts.lastName })
    .from(contacts)
    .where(inAudience(ctx.orgId, c.id))
    .orderBy(asc(sql`lower(${contacts.lastName} || ' ' || ${contacts.firstName})`), asc(contacts.id))
    .limit(limit);
}
