"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { setPlaybookStatus, updatePlaybookDetails } from "@/lib/playbooks/playbooks";
import type { PlaybookDetailsInput } from "@/lib/playbooks/playbook.schema";
import { setPlaybookTrigger } from "@/lib/playbooks/trigger";
import { publishDraft, restoreVersionAsDraft } from "@/lib/playbooks/versions";
import { cancelRun, enrolContacts } from "@/lib/playbooks/runs-admin";
import { searchContactsForLead } from "@/lib/leads/people";

async function act<T>(
  paths: string[],
  op: (ctx: Awaited<ReturnType<typeof requireActionSession>>) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const ctx = await requireActionSession();
    const data = await op(ctx);
    for (const p of paths) revalidatePath(p);
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

export async function setStatusAction(playbookId: string, status: string) {
  return act(["/playbooks", `/playbooks/${playbookId}`], async (ctx) => setPlaybookStatus(ctx, playbookId, status));
}

export async function publishDraftAction(playbookId: string) {
  return act([`/playbooks/${playbookId}`], async (ctx) => {
    await publishDraft(ctx, playbookId);
  });
}

export async function restoreVersionAction(playbookId: string, versionId: string) {
  return act([`/playbooks/${playbookId}`], async (ctx) => {
    await restoreVersionAsDraft(ctx, playbookId, versionId);
  });
}

export async function cancelPlaybookRunAction(runId: string) {
  return act([`/playbooks/runs/${runId}`], async (ctx) => cancelRun(ctx, runId));
}

export async function enrolAction(playbookId: string, contactIds: string[]) {
  return act([`/playbooks/${playbookId}`], async (ctx) => enrolContacts(ctx, playbookId, { contactIds }));
}

export async function searchCustomersAction(q: string) {
  return act([], async (ctx) => searchContactsForLead(ctx, String(q ?? "")));
}

export async function setTriggerAction(playbookId: string, input: { trigger: string; triggerSegmentId: string }) {
  return act(["/playbooks", `/playbooks/${playbookId}`], async (ctx) => setPlaybookTrigger(ctx, playbookId, input));
}

export async function updateSettingsAction(playbookId: string, input: PlaybookDetailsInput) {
  return act(["/playbooks", `/playbooks/${playbookId}`], async (ctx) => updatePlaybookDetails(ctx, playbookId, input));
}
