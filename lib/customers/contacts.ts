import { and, eq } from "drizzle-orm";
import { contacts, users } from "@/db/schema";
import type { Ctx } from "../context";
import { NotFoundError, ValidationError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { recordActivity } from "../activity/record";
import { emitEvent } from "../events/emit";
import {
  contactDetailsSchema,
  lifecycleSchema,
  newContactSchema,
  ownerSchema,
  type ContactDetails,
} from "./contact.schema";
import { changeLifecycleStage } from "./lifecycle-change";
import { loadContact, type ContactRow } from "./load";
import { CONSENT_LABELS } from "./constants";
import { actedBy, userIdOf } from "../actors";
import { recordAudit } from "../audit/record";
import { changedFields } from "../audit/redact";

const blankToNull = (v: string) => (v === "" ? null : v);

export async function getContact(ctx: Ctx, contactId: unknown): Promise<ContactRow> {
  requirePermission(ctx.actor, "customers:read");
  return loadContact(ctx.db, ctx.orgId, contactId);
}

export async function createContact(ctx: Ctx, input: unknown): Promise<ContactRow> {
  requirePermission(ctx.actor, "customers:write");
  const data = newContactSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(contacts)
      .values({
        orgId: ctx.orgId,
        firstName: data.firstName,
        lastName: data.lastName,
        email: blankToNull(data.email),
        phone: blankToNull(data.phone),
        company: blankToNull(data.company),
        ownerId: userIdOf(ctx.actor),
      })
      .returning();
    await recordActivity(tx, {
      orgId: ctx.orgId,
      contactId: row!.id,
      type: "contact.created",
      ...actedBy(ctx.actor),
      data: {},
    });
    await emitEvent(tx, "crm/contact.created", {
      orgId: ctx.orgId,
      contactId: row!.id,
      source: "app",
      actorId: userIdOf(ctx.actor),
    });
    return row!;
  });
}

/** The details form's values for a contact ("" for empty, as the form expects). */
export function toDetailsForm(c: ContactRow): ContactDetails {
  return {
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email ?? "",
    phone: c.phone ?? "",
    company: c.company ?? "",
    jobTitle: c.jobTitle ?? "",
    addressLine1: c.addressLine1 ?? "",
    addressLine2: c.addressLine2 ?? "",
    city: c.city ?? "",
    region: c.region ?? "",
    postalCode: c.postalCode ?? "",
    country: c.country ?? "",
    preferredLanguage: c.preferredLanguage ?? "",
    preferredContactMethod: c.preferredContactMethod ?? "",
    timeZone: c.timeZone ?? "",
    quietHoursStart: c.quietHoursStart ?? "",
    quietHoursEnd: c.quietHoursEnd ?? "",
    birthday: c.birthday ?? "",
    referralSource: c.referralSource ?? "",
    referredById: c.referredById ?? "",
    marketingConsent: c.marketingConsent,
  };
}

export async function updateContactDetails(ctx: Ctx, contactId: unknown, input: unknown): Promise<ContactRow> {
  requirePermission(ctx.actor, "customers:write");
  const d = contactDetailsSchema.parse(input);
  return ctx.db.transaction(async (tx) => {
    const before = await loadContact(tx, ctx.orgId, contactId, true);
    if (d.referredById) {
      if (d.referredById === before.id)
        throw new ValidationError({ referredById: "A customer cannot refer themselves" });
      await loadContact(tx, ctx.orgId, d.referredById).catch(() => {
        throw new ValidationError({ referredById: "Choose a customer from the list" });
      });
    }
    const [row] = await tx
      .update(contacts)
      .set({
        ...Object.fromEntries(
          Object.entries(d).map(([k, v]) => [
            k,
            typeof v === "string" && k !== "firstName" && k !== "lastName" ? blankToNull(v) : v,
          ]),
        ),
        marketingConsent: d.marketingConsent,
        updatedAt: new Date(),
      })
      .where(and(eq(contacts.id, before.id), eq(contacts.orgId, ctx.orgId)))
      .returning();
    if (before.marketingConsent !== d.marketingConsent) {
      await recordActivity(tx, {
        orgId: ctx.orgId,
        contactId: before.id,
        type: "consent.changed",
        ...actedBy(ctx.actor),
        data: { from: before.marketingConsent, to: d.marketingConsent, label: CONSENT_LABELS[d.marketingConsent] },
      });
    }
    const { marketingConsent: consentBefore, ...detailsBefore } = toDetailsForm(before);
    const { marketingConsent: consentAfter, ...detailsAfter } = toDetailsForm(row!);
    const label = `${row!.firstName} ${row!.lastName}`.trim();
    const changed = changedFields(detailsBefore, detailsAfter);
    if (Object.keys(changed.after).length)
      await recordAudit(tx, ctx, { action: "customer.updated", target: { id: before.id, label }, ...changed });
    if (consentBefore !== consentAfter)
      await recordAudit(tx, ctx, {
        action: "customer.consent_changed",
        target: { id: before.id, label },
        before: { marketingConsent: consentBefore },
        after: { marketingConsent: consentAfter },
      });
    await emitEvent(tx, "crm/contact.updated", {
      orgId: ctx.orgId,
      contactIds: [before.id],
      actorId: userIdOf(ctx.actor),
    });
    return row!;
  });
}

export async function setLifecycleStage(ctx: Ctx, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "customers:write");
  const { contactId, stage } = lifecycleSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    const c = await loadContact(tx, ctx.orgId, contactId, true);
    await changeLifecycleStage(tx, {
      orgId: ctx.orgId,
      contactId: c.id,
      from: c.lifecycleStage,
      to: stage,
      reason: "Changed by hand",
      actor: ctx.actor,
      request: ctx.request,
    });
  });
}

export async function setContactOwner(ctx: Ctx, input: unknown): Promise<void> {
  requirePermission(ctx.actor, "customers:write");
  const { contactId, ownerId } = ownerSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    const c = await loadContact(tx, ctx.orgId, contactId, true);
    if (ownerId) await assertTeammate(tx, ctx.orgId, ownerId);
    await tx
      .update(contacts)
      .set({ ownerId, updatedAt: new Date() })
      .where(and(eq(contacts.id, c.id), eq(contacts.orgId, ctx.orgId)));
    await recordActivity(tx, {
      orgId: ctx.orgId,
      contactId: c.id,
      type: "owner.changed",
      ...actedBy(ctx.actor),
      data: { from: c.ownerId, to: ownerId },
    });
    if (c.ownerId !== ownerId)
      await recordAudit(tx, ctx, {
        action: "customer.owner_changed",
        target: { id: c.id, label: `${c.firstName} ${c.lastName}`.trim() },
        before: { ownerId: c.ownerId },
        after: { ownerId },
      });
    await emitEvent(tx, "crm/contact.updated", { orgId: ctx.orgId, contactIds: [c.id], actorId: userIdOf(ctx.actor) });
  });
}

export async function assertTeammate(db: Ctx["db"], orgId: string, userId: string) {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.orgId, orgId), eq(users.active, true)))
    .limit(1);
  if (!u) throw new NotFoundError("That teammate");
}

/** Owners only: the contact and everything hanging off it (cascade) go. */
export async function deleteContact(ctx: Ctx, contactId: unknown): Promise<void> {
  requirePermission(ctx.actor, "customers:delete");
  await ctx.db.transaction(async (tx) => {
    const c = await loadContact(tx, ctx.orgId, contactId, true);
    await tx.delete(contacts).where(and(eq(contacts.id, c.id), eq(contacts.orgId, ctx.orgId)));
    await recordAudit(tx, ctx, {
      action: "customer.deleted",
      target: { id: c.id, label: `${c.firstName} ${c.lastName}`.trim() },
      before: { firstName: c.firstName, lastName: c.lastName, email: c.email, company: c.company },
    });
  });
}
