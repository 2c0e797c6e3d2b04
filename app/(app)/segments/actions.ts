"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { createSegment, deleteSegment, duplicateSegment, updateSegment } from "@/lib/segments/segments";
import { addStaticMembers, addStaticMembersByEmail, removeStaticMember } from "@/lib/segments/static-members";

const segmentsLayout = [{ path: "/segments", layout: true }] as const;

// The segment's own fields are parsed by the verb (createSegment / updateSegment) with its schema.
export const saveSegmentAction = defineAction(
  z.object({ id: z.uuid().nullable(), segment: z.unknown() }),
  async (ctx, { id, segment }) => ({
    id: (id ? await updateSegment(ctx, id, segment) : await createSegment(ctx, segment)).id,
  }),
  { revalidate: segmentsLayout },
);

export const duplicateSegmentAction = defineAction(
  z.object({ id: z.uuid() }),
  async (ctx, { id }) => ({ id: (await duplicateSegment(ctx, id)).id }),
  { revalidate: segmentsLayout },
);

export const deleteSegmentAction = defineAction(
  z.object({ id: z.uuid() }),
  async (ctx, { id }) => {
    await deleteSegment(ctx, id);
    return null;
  },
  { revalidate: segmentsLayout },
);

export const addToSegmentAction = defineAction(
  z.object({ segmentId: z.uuid(), contactIds: z.array(z.uuid()).min(1, "Select at least one customer") }),
  async (ctx, { segmentId, contactIds }) => ({ added: await addStaticMembers(ctx, segmentId, contactIds) }),
  { revalidate: segmentsLayout },
);

export const addEmailsToSegmentAction = defineAction(
  z.object({ segmentId: z.uuid(), text: z.string().max(5_000_000, "That list is too long") }),
  async (ctx, { segmentId, text }) => addStaticMembersByEmail(ctx, segmentId, text),
  { revalidate: segmentsLayout },
);

export const removeFromSegmentAction = defineAction(
  z.object({ segmentId: z.uuid(), contactId: z.uuid() }),
  async (ctx, { segmentId, contactId }) => {
    await removeStaticMember(ctx, segmentId, contactId);
    return null;
  },
  { revalidate: segmentsLayout },
);
