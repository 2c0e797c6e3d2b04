import "server-only";
import { and, desc, eq, isNull, or } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import { activities, notes, users } from "@/db/schema";
import type { Ctx } from "../context";
import { ForbiddenError, NotFoundError } from "../errors";
import { requirePermission } from "../auth/permissions";
import { recordActivity } from "../activity/record";
import { noteSchema, noteUpdateSchema } from "./activity.schema";
import { loadContact } from "./load";
import { actedBy, personOf, userIdOf } from "../actors";

/** The one rule for private notes: visible to their author, to nobody else, in every query. */
export function visibleNotes(actorId: string | null) {
  return actorId ? or(eq(notes.isPrivate, false), eq(notes.authorId, actorId)) : eq(notes.isPrivate, false);
}

export async function addNote(ctx: Ctx, input: unknown) {
  requirePermission(ctx.actor, "customers:write");
  const d = noteSchema.parse(input);
  const author = personOf(ctx.actor, "Only a teammate can write a note.");
  return ctx.db.transaction(async (tx) => {
    const c = await loadContact(tx, ctx.orgId, d.contactId);
    const [note] = await tx
      .insert(notes)
      .values({
        orgId: ctx.orgId,
        contactId: c.id,
        authorId: author.id,
        body: d.body,
        pinned: d.pinned,
        isPrivate: d.isPrivate,
      })
      .returning();
    await recordActivity(tx, {
      orgId: ctx.orgId,
      contactId: c.id,
      type: "note.added",
      subjectType: "note",
      subjectId: note!.id,
      ...actedBy(ctx.actor),
      privateToUserId: d.isPrivate ? author.id : null,
      occurredAt: note!.createdAt,
      data: { body: d.body, pinned: d.pinned, private: d.isPrivate },
    });
    return note!;
  });
}

/** A note the actor may see; a private note of someone else reads as not found. */
async function loadVisibleNote(tx: DbOrTx, ctx: Ctx, noteId: unknown) {
  const id = z.uuid().safeParse(noteId);
  if (!id.success) throw new NotFoundError("That note");
  const [note] = await tx
    .select()
    .from(notes)
    .where(and(eq(notes.id, id.data), eq(notes.orgId, ctx.orgId), visibleNotes(userIdOf(ctx.actor))))
    .for("update");
  if (!note) throw new NotFoundError("That note");
  return note;
}

/** Authors edit their notes; anyone who works customers may pin or unpin a shared note. */
export async function updateNote(ctx: Ctx, input: unknown) {
  requirePermission(ctx.actor, "customers:write");
  const d = noteUpdateSchema.parse(input);
  await ctx.db.transaction(async (tx) => {
    const note = await loadVisibleNote(tx, ctx, d.noteId);
    if (d.body !== undefined && note.authorId !== userIdOf(ctx.actor))
      throw new ForbiddenError("Only the author can edit this note.");
    const next = { body: d.body ?? note.body, pinned: d.pinned ?? note.pinned };
    await tx
      .update(notes)
      .set({ ...next, updatedAt: new Date() })
      .where(and(eq(notes.id, note.id), eq(notes.orgId, ctx.orgId)));
    await tx
      .update(activities)
      .set({
        data: {
          body: next.body,
          pinned: next.pinned,
          private: note.isPrivate,
          edited: d.body !== undefined && d.body !== note.body,
        },
      })
      .where(
        and(eq(activities.orgId, ctx.orgId), eq(activities.subjectType, "note"), eq(activities.subjectId, note.id)),
      );
  });
}

/** Authors delete their own notes; owners may delete any shared note (never another's private one). */
export async function deleteNote(ctx: Ctx, noteId: unknown) {
  requirePermission(ctx.actor, "customers:write");
  await ctx.db.transaction(async (tx) => {
    const note = await loadVisibleNote(tx, ctx, noteId);
    if (note.authorId !== userIdOf(ctx.actor) && !(ctx.actor.kind === "user" && ctx.actor.role === "owner"))
      throw new ForbiddenError("Only the author or an owner can delete this note.");
    await tx
      .delete(activities)
      .where(
        and(eq(activities.orgId, ctx.orgId), eq(activities.subjectType, "note"), eq(activities.subjectId, note.id)),
      );
    await tx.delete(notes).where(and(eq(notes.id, note.id), eq(notes.orgId, ctx.orgId)));
  });
}

export type NoteView = {
  id: string;
  body: string;
  pinned: boolean;
  isPrivate: boolean;
  authorId: string;
  authorName: string | null;
  createdAt: Date;
  updatedAt: Date;
};

/** The notes card: every note the actor may see (the private-note rule above), pinned first, newest first within each. */
export async function contactNotes(ctx: Ctx, contactId: string): Promise<NoteView[]> {
  requirePermission(ctx.actor, "customers:read");
  return ctx.db
    .select({
      id: notes.id,
      body: notes.body,
      pinned: notes.pinned,
      isPrivate: notes.isPrivate,
      authorId: notes.authorId,
      authorName: users.name,
      createdAt: notes.createdAt,
      updatedAt: notes.updatedAt,
    })
    .from(notes)
    .leftJoin(users, eq(users.id, notes.authorId))
    .where(and(eq(notes.orgId, ctx.orgId), eq(notes.contactId, contactId), visibleNotes(userIdOf(ctx.actor))))
    .orderBy(desc(notes.pinned), desc(notes.createdAt))
    .limit(50);
}

/** Same rule for timeline rows: private entries only for the person they are private to. */
export function visibleActivities(actorId: string | null) {
  return actorId
    ? or(isNull(activities.privateToUserId), eq(activities.privateToUserId, actorId))
    : isNull(activities.privateToUserId);
}
