"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { addTeammate, changeRole, setTeammateActive, type Teammate } from "@/lib/team/team";

async function run(
  operation: (ctx: Awaited<ReturnType<typeof requireActionSession>>) => Promise<Teammate>,
): Promise<ActionResult<Teammate>> {
  try {
    const ctx = await requireActionSession();
    const teammate = await operation(ctx);
    revalidatePath("/settings/team");
    return { ok: true, data: teammate };
  } catch (error) {
    return toActionError(error);
  }
}

export async function addTeammateAction(input: unknown) {
  return run((ctx) => addTeammate(ctx, input));
}

export async function changeRoleAction(input: unknown) {
  return run((ctx) => changeRole(ctx, input));
}

export async function setTeammateActiveAction(input: unknown) {
  return run((ctx) => setTeammateActive(ctx, input));
}
