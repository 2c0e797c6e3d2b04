"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { getBoard, getColumnPage, type Board, type Card } from "@/lib/leads/board";
import { getLeadDetail, type LeadDetail } from "@/lib/leads/detail";
import { parseFilters } from "@/lib/leads/filters";
import { assignLeads, deleteLeads, quickAddLead, updateLead } from "@/lib/leads/leads";
import { searchContactsForLead, type ContactOption } from "@/lib/leads/people";
import { bulkMoveLeads, moveLead, type MovedLead } from "@/lib/leads/move";

async function run<T>(fn: () => Promise<T>, revalidate = false): Promise<ActionResult<T>> {
  try {
    const data = await fn();
    if (revalidate) revalidatePath("/leads");
    return { ok: true, data };
  } catch (error) {
    return toActionError(error);
  }
}

const filtersFrom = (query: string) => parseFilters(Object.fromEntries(new URLSearchParams(query)));

export async function boardAction(query: string): Promise<ActionResult<Board>> {
  return run(async () => getBoard(await requireActionSession(), filtersFrom(query)));
}

export async function columnPageAction(
  stageId: string,
  query: string,
  afterRank: string | null,
): Promise<ActionResult<{ cards: Card[]; hasMore: boolean }>> {
  return run(async () => getColumnPage(await requireActionSession(), stageId, filtersFrom(query), afterRank));
}

export async function leadDetailAction(id: string): Promise<ActionResult<LeadDetail>> {
  return run(async () => getLeadDetail(await requireActionSession(), id));
}

export async function searchContactsAction(q: string, includeId?: string): Promise<ActionResult<ContactOption[]>> {
  return run(async () => searchContactsForLead(await requireActionSession(), String(q ?? ""), includeId || undefined));
}

export async function moveLeadAction(input: unknown): Promise<ActionResult<MovedLead>> {
  return run(async () => moveLead(await requireActionSession(), input));
}

export async function quickAddAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return run(async () => ({ id: (await quickAddLead(await requireActionSession(), input)).id }));
}

export async function updateLeadAction(input: unknown): Promise<ActionResult<{ id: string }>> {
  return run(async () => ({ id: (await updateLead(await requireActionSession(), input)).id }), true);
}

export async function deleteLeadsAction(input: unknown): Promise<ActionResult<number>> {
  return run(async () => deleteLeads(await requireActionSession(), input), true);
}

export async function assignLeadsAction(input: unknown): Promise<ActionResult<number>> {
  return run(async () => assignLeads(await requireActionSession(), input), true);
}

export async function bulkMoveAction(input: unknown): Promise<ActionResult<number>> {
  return run(async () => bulkMoveLeads(await requireActionSession(), input), true);
}
