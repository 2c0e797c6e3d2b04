import { and, eq, sql } from "drizzle-orm";
import { playbookRuns } from "@/db/schema";
import { createDiscountCode } from "../discounts";
import type { NodeExecutor } from "../runner/types";

/** Makes a code for this contact and keeps it in the run's variables, for later emails' {{discount.*}}. */
export const runCreateDiscount: NodeExecutor<"create_discount"> = (rt) =>
  rt.act(rt.node.id, async (db) =>
    db.transaction(async (tx) => {
      const c = rt.node.config;
      const { row, variables } = await createDiscountCode(tx, {
        orgId: rt.run.orgId,
        kind: c.kind,
        value: c.value,
        validDays: c.validDays,
        singleUse: c.singleUse,
        contactId: rt.run.contactId,
        runId: rt.run.runId,
        now: rt.now(),
      });
      await tx
        .update(playbookRuns)
        .set({ variables: sql`${playbookRuns.variables} || ${JSON.stringify({ discount: variables })}::jsonb` })
        .where(and(eq(playbookRuns.id, rt.run.runId), eq(playbookRuns.orgId, rt.run.orgId)));
      await rt.log(tx, {
        key: rt.node.id,
        status: "done",
        detail: `code ${row.code}: ${variables.amount} off${variables.expiresAt ? `, valid until ${variables.expiresAt}` : ""}`,
        discountCodeId: row.id,
        data: { code: row.code },
      });
      return null;
    }),
  );
