"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { addStage, deleteStage, reorderStages, updateScoring, updateStage } from "@/lib/leads/stages";

async function run<T>(fn: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    const data = await fn();
    revalidatePath("/settings/pipeline");
    revalidatePath("/leads");
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function addStageAction(input: unknown) {
  return run(async () => addStage(await requireActionSession(), input));
}
export async function updateStageAction(input: unknown) {
  return run(async () => updateStage(await requireActionSession(), input));
}
export async function reorderStagesAction(input: unknown) {
  return run(async () => reorderStages(await requireActionSession(), input));
}
export async function deleteStageAction(input: unknown) {
  return run(async () => deleteStage(await requireActionSession(), input));
}
export async function updateScoringAction(input: unknown) {
  return run(async () => updateScoring(await requireActionSession(), input));
}
