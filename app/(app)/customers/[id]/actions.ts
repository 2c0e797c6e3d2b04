"use server";

import { z } from "zod";
import { defineAction, verbInput } from "@/lib/actions/define-action";
import type { FollowUpInput, InteractionInput, NoteInput } from "@/lib/customers/activity.schema";
import type { ContactDetailsInput } from "@/lib/customers/contact.schema";
import type { LifecycleStage } from "@/lib/customers/lifecycle";
import { deleteContact, setContactOwner, setLifecycleStage, updateContactDetails } from "@/lib/customers/contacts";
import { logInteraction } from "@/lib/customers/interactions";
import { addNote, deleteNote, updateNote } from "@/lib/customers/notes";
import { completeFollowUp, createFollowUp } from "@/lib/customers/follow-ups";
import { searchCustomerOptions } from "@/lib/customers/picker";
import { tagContact, untagContact } from "@/lib/customers/tags";
import { setContactTopic, setDoNotContact } from "@/lib/email/contact-preferences";

// A profile change can show anywhere under /customers (list, profile, duplicates).
const customers = { revalidate: [{ path: "/customers", layout: true }] } as const;
const id = z.uuid();

export const updateDetailsAction = defineAction(
  z.object({ contactId: id, details: verbInput<ContactDetailsInput>() }),
  async (ctx, { contactId, details }) => {
    await updateContactDetails(ctx, contactId, details);
  },
  customers,
);

export const setStageAction = defineAction(
  verbInput<{ contactId: string; stage: LifecycleStage | string }>(),
  (ctx, input) => setLifecycleStage(ctx, input),
  customers,
);

export const setOwnerAction = defineAction(
  verbInput<{ contactId: string; ownerId: string | null }>(),
  (ctx, input) => setContactOwner(ctx, input),
  customers,
);

export const logInteractionAction = defineAction(
  verbInput<InteractionInput>(),
  async (ctx, input) => {
    await logInteraction(ctx, input);
  },
  customers,
);

export const addNoteAction = defineAction(
  verbInput<NoteInput>(),
  async (ctx, input) => {
    await addNote(ctx, input);
  },
  customers,
);

export const updateNoteAction = defineAction(
  verbInput<{ noteId: string; body?: string; pinned?: boolean }>(),
  async (ctx, input) => {
    await updateNote(ctx, input);
  },
  customers,
);

export const deleteNoteAction = defineAction(
  z.object({ noteId: id }),
  async (ctx, { noteId }) => {
    await deleteNote(ctx, noteId);
  },
  customers,
);

export const createFollowUpAction = defineAction(
  verbInput<FollowUpInput>(),
  async (ctx, input) => {
    await createFollowUp(ctx, input);
  },
  customers,
);

// Done from the profile or from My follow-ups (and the dashboard): refresh everything.
export const completeFollowUpAction = defineAction(
  z.object({ followUpId: id }),
  async (ctx, { followUpId }) => {
    await completeFollowUp(ctx, followUpId);
  },
  { revalidate: [{ path: "/", layout: true }] },
);

export const tagAction = defineAction(
  z.object({ contactId: id, name: z.string() }),
  async (ctx, { contactId, name }) => {
    await tagContact(ctx, contactId, name);
  },
  customers,
);

export const untagAction = defineAction(
  z.object({ contactId: id, tagId: id }),
  async (ctx, { contactId, tagId }) => {
    await untagContact(ctx, contactId, tagId);
  },
  customers,
);

export const deleteContactAction = defineAction(
  z.object({ contactId: id }),
  (ctx, { contactId }) => deleteContact(ctx, contactId),
  customers,
);

/** Suggestions for the "Referred by" picker; a read, so nothing is revalidated. */
export const searchCustomersAction = defineAction(verbInput<{ q: string; excludeId?: string }>(), (ctx, input) =>
  searchCustomerOptions(ctx, input),
);

export const setContactTopicAction = defineAction(
  verbInput<{ contactId: string; topicKey: string; subscribed: boolean }>(),
  (ctx, input) => setContactTopic(ctx, input),
  customers,
);

export const setDoNotContactAction = defineAction(
  verbInput<{ contactId: string; doNotContact: boolean }>(),
  (ctx, input) => setDoNotContact(ctx, input),
  customers,
);
