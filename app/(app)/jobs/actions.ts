"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { cancelRunForOrg, retryRunForOrg } from "@/lib/jobs/runs";

async function run(runId: string, operation: typeof cancelRunForOrg): Promise<ActionResult> {
  try {
    const ctx = await requireActionSession();
    await operation(ctx, { runId });
    revalidatePath(`/jobs/${runId}`);
    revalidatePath("/jobs");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export async function cancelRunAction(runId: string) {
  return run(runId, cancelRunForOrg);
}

export async function retryRunAction(runId: string) {
  return run(runId, retryRunForOrg);
}
