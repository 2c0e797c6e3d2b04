"use server";

import { revalidatePath } from "next/cache";
import { requireActionSession } from "@/lib/auth/session";
import { toActionError, type ActionResult } from "@/lib/action-result";
import { deleteContact, setContactOwner, setLifecycleStage, updateContactDetails } from "@/lib/customers/contacts";
import { logInteraction } from "@/lib/customers/interactions";
import { addNote, deleteNote, updateNote } from "@/lib/customers/notes";
import { completeFollowUp, createFollowUp } from "@/lib/customers/follow-ups";
import { tagContact, untagContact } from "@/lib/customers/tags";
import { setContactTopic, setDoNotContact } from "@/lib/email/contact-preferences";
import type { SessionContext } from "@/lib/auth/session";
import { searchCustomerOptions, type CustomerOption } from "@/lib/customers/picker";

/** Every profile action: session → lib call (which checks the permission) → revalidate → typed result. */
async function run<T>(fn: (ctx: SessionContext) => Promise<T>, path = "/customers"): Promise<ActionResult<undefined>> {
  try {
    const ctx = await requireActionSession();
    await fn(ctx);
    revalidatePath(path, "layout");
    return { ok: true, data: undefined };
  } catch (error) {
    return toActionError(error);
  }
}

export const updateDetailsAction = async (contactId: string, input: unknown) =>
  run((ctx) => updateContactDetails(ctx, contactId, input));
export const setStageAction = async (input: unknown) => run((ctx) => setLifecycleStage(ctx, input));
export const setOwnerAction = async (input: unknown) => run((ctx) => setContactOwner(ctx, input));
export const logInteractionAction = async (input: unknown) => run((ctx) => logInteraction(ctx, input));
export const addNoteAction = async (input: unknown) => run((ctx) => addNote(ctx, input));
export const updateNoteAction = async (input: unknown) => run((ctx) => updateNote(ctx, input));
export const deleteNoteAction = async (noteId: string) => run((ctx) => deleteNote(ctx, noteId));
export const createFollowUpAction = async (input: unknown) => run((ctx) => createFollowUp(ctx, input));
export const completeFollowUpAction = async (id: string) => run((ctx) => completeFollowUp(ctx, id), "/");
export const tagAction = async (contactId: string, name: string) => run((ctx) => tagContact(ctx, contactId, name));
export const untagAction = async (contactId: string, tagId: string) =>
  run((ctx) => untagContact(ctx, contactId, tagId));
export const deleteContactAction = async (contactId: string) => run((ctx) => deleteContact(ctx, contactId));

/** Suggestions for the "Referred by" picker; a read, so nothing is revalidated. */
export async function searchCustomersAction(input: unknown): Promise<ActionResult<CustomerOption[]>> {
  try {
    const ctx = await requireActionSession();
    return { ok: true, data: await searchCustomerOptions(ctx, input) };
  } catch (error) {
    return toActionError(error);
  }
}

export const setContactTopicAction = async (input: unknown) => run((ctx) => setContactTopic(ctx, input));
export const setDoNotContactAction = async (input: unknown) => run((ctx) => setDoNotContact(ctx, input));
