import "server-only";
import { randomInt } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { discountCodes, organizations } from "@/db/schema";
import { ConflictError, NotFoundError } from "../errors";
import { emitEvent } from "../events/emit";
import type { DiscountKind } from "./constants";
import { convertByDiscount } from "./exits";
import { requirePermission } from "../auth/permissions";
import type { Ctx } from "../context";

// No 0/O/1/I: codes are read aloud and typed from emails.
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

export function generateCode(prefix = "TEND"): string {
  let s = "";
  for (let i = 0; i < 8; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return `${prefix}-${s}`;
}

export function formatDiscount(kind: DiscountKind, value: number, currency: string): string {
  if (kind === "percent") return `${value}%`;
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(value / 100);
}

export type NewDiscount = {
  orgId: string;
  kind: DiscountKind;
  value: number;
  validDays: number | null;
  singleUse: boolean;
  contactId: string | null;
  runId: string | null;
  now: Date;
};

/** A fresh code (retrying the rare collision) with its pre-formatted template variables. */
export async function createDiscountCode(db: DbOrTx, d: NewDiscount) {
  if (d.kind === "percent" && (d.value < 1 || d.value > 100))
    throw new ConflictError("A percent discount is between 1 and 100.");
  const expiresAt = d.validDays ? new Date(d.now.getTime() + d.validDays * 86_400_000) : null;
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await db
      .insert(discountCodes)
      .values({
        orgId: d.orgId,
        code: generateCode(),
        kind: d.kind,
        value: d.value,
        singleUse: d.singleUse,
        expiresAt,
        contactId: d.contactId,
        runId: d.runId,
        createdAt: d.now,
      })
      .onConflictDoNothing()
      .returning();
    if (row) {
      const [org] = await db
        .select({ currency: organizations.currency })
        .from(organizations)
        .where(eq(organizations.id, d.orgId));
      return {
        row,
        variables: {
          code: row.code,
          amount: formatDiscount(row.kind, row.value, org?.currency ?? "USD"),
          expiresAt: expiresAt ? expiresAt.toISOString().slice(0, 10) : null,
        },
      };
    }
  }
  throw new ConflictError("Could not make a unique discount code; try again.");
}

export const redeemSchema = z.object({
  code: z
    .string()
    .trim()
    .min(1, "Enter the code")
    .max(40)
    .transform((s) => s.toUpperCase()),
  orderValueMinor: z
    .number({ error: "Send the order value in minor units" })
    .int("Order value is an integer in minor units")
    .min(0)
    .max(1e12),
});

/**
 * Redeems a code of this organisation: rejects unknown, expired or already-used single-use codes;
 * a code a playbook made converts its run with the order value (recovered revenue).
 */
export async function redeemDiscountCode(ctx: Ctx, input: unknown, now: Date) {
  requirePermission(ctx.actor, "customers:write");
  const d = redeemSchema.parse(input);
  const { orgId } = ctx;
  return ctx.db.transaction(async (tx) => {
    const [code] = await tx
      .select()
      .from(discountCodes)
      .where(and(eq(discountCodes.orgId, orgId), eq(discountCodes.code, d.code)))
      .for("update");
    if (!code) throw new NotFoundError("That discount code");
    if (code.expiresAt && code.expiresAt <= now) throw new ConflictError("This discount code has expired.");
    if (code.singleUse && code.redeemedAt) throw new ConflictError("This discount code has already been used.");
    await tx
      .update(discountCodes)
      .set({
        redeemedAt: sql`coalesce(${discountCodes.redeemedAt}, ${now.toISOString()}::timestamptz)`,
        orderValueMinor: d.orderValueMinor,
      })
      .where(eq(discountCodes.id, code.id));
    if (code.runId) await convertByDiscount(tx, orgId, code.runId, d.orderValueMinor, now);
    await emitEvent(tx, "crm/discount.redeemed", {
      orgId,
      codeId: code.id,
      contactId: code.contactId,
      runId: code.runId,
      orderValueMinor: d.orderValueMinor,
    });
    return {
      code: code.code,
      kind: code.kind,
      value: code.value,
      runId: code.runId,
      orderValueMinor: d.orderValueMinor,
    };
  });
}
