"use server";

import { z } from "zod";
import { defineAction, verbInput } from "@/lib/actions/define-action";
import { getBoard, getColumnPage } from "@/lib/leads/board";
import { getLeadDetail } from "@/lib/leads/detail";
import { recordHistory } from "@/lib/audit/query";
import { can } from "@/lib/auth/permissions";
import { parseFilters } from "@/lib/leads/filters";
import type {
  bulkAssignSchema,
  bulkMoveSchema,
  bulkSchema,
  MoveLeadInput,
  QuickAdd,
  updateLeadSchema,
} from "@/lib/leads/lead.schema";
import { assignLeads, deleteLeads, quickAddLead, updateLead } from "@/lib/leads/leads";
import { searchContactsForLead } from "@/lib/leads/people";
import { bulkMoveLeads, moveLead } from "@/lib/leads/move";
import type { InteractionInput, NoteInput } from "@/lib/customers/activity.schema";
import { logInteraction } from "@/lib/customers/interactions";
import { addNote } from "@/lib/customers/notes";

// The board refreshes through TanStack Query; the list view and other pages through the server.
const leads = { revalidate: ["/leads"] };
/** The board's filters, as the page's query string (parsed the way the page parses its URL). */
const query = z.string();
const filtersFrom = (q: string) => parseFilters(Object.fromEntries(new URLSearchParams(q)));

export const boardAction = defineAction(z.object({ query }), (ctx, input) => getBoard(ctx, filtersFrom(input.query)));

export const columnPageAction = defineAction(
  z.object({ stageId: z.uuid(), query, afterRank: z.string().nullable() }),
  (ctx, input) => getColumnPage(ctx, input.stageId, filtersFrom(input.query), input.afterRank),
);

export const leadDetailAction = defineAction(z.object({ id: z.uuid() }), (ctx, { id }) => getLeadDetail(ctx, id));

/** The lead's audit entries for owners; null for everyone else (the panel then shows no card). */
export const leadAuditHistoryAction = defineAction(z.object({ id: z.uuid() }), (ctx, { id }) =>
  can(ctx.actor, "audit:read") ? recordHistory(ctx, "lead", id) : Promise.resolve(null),
);

export const searchContactsAction = defineAction(
  z.object({ q: z.string(), includeId: z.uuid().optional() }),
  (ctx, { q, includeId }) => searchContactsForLead(ctx, q, includeId),
);

export const moveLeadAction = defineAction(verbInput<MoveLeadInput>(), (ctx, input) => moveLead(ctx, input));

export const quickAddAction = defineAction(verbInput<QuickAdd>(), async (ctx, input) => ({
  id: (await quickAddLead(ctx, input)).id,
}));

export const updateLeadAction = defineAction(
  verbInput<z.input<typeof updateLeadSchema>>(),
  async (ctx, input) => ({ id: (await updateLead(ctx, input)).id }),
  leads,
);

export const deleteLeadsAction = defineAction(
  verbInput<z.input<typeof bulkSchema>>(),
  (ctx, input) => deleteLeads(ctx, input),
  leads,
);

export const assignLeadsAction = defineAction(
  verbInput<z.input<typeof bulkAssignSchema>>(),
  (ctx, input) => assignLeads(ctx, input),
  leads,
);

export const bulkMoveAction = defineAction(
  verbInput<z.input<typeof bulkMoveSchema>>(),
  (ctx, input) => bulkMoveLeads(ctx, input),
  leads,
);

// From the lead panel: a call or a note about the lead's customer lands on the customer's timeline.
const customerPages = { revalidate: [{ path: "/customers", layout: true }] } as const;

export const logLeadInteractionAction = defineAction(
  verbInput<InteractionInput>(),
  async (ctx, input) => {
    await logInteraction(ctx, input);
  },
  customerPages,
);

export const addLeadNoteAction = defineAction(
  verbInput<NoteInput>(),
  async (ctx, input) => {
    await addNote(ctx, input);
  },
  customerPages,
);
