"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useActions } from "@/components/forms/use-action";
import { deleteNoteAction, updateNoteAction } from "../../[id]/actions";

/** Pin/unpin for anyone who works customers; edit for the author; delete for the author or an owner. */
export function NoteActions({
  note,
  mine,
  isOwner,
  canWrite,
}: {
  note: { id: string; body: string; pinned: boolean; isPrivate: boolean };
  mine: boolean;
  isOwner: boolean;
  canWrite: boolean;
}) {
  const { run, error, pending } = useActions();
  const [editing, setEditing] = useState(false);
  const [body, setBody] = useState(note.body);
  const [confirming, setConfirming] = useState(false);
  if (!canWrite) return null;
  return (
    <div className="mt-2 space-y-2">
      {editing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            run(() => updateNoteAction({ noteId: note.id, body }), { onSuccess: () => setEditing(false) });
          }}
          className="space-y-2"
        >
          <label className="sr-only" htmlFor={`edit-${note.id}`}>
            Edit note
          </label>
          <textarea
            id={`edit-${note.id}`}
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          />
          <div className="flex gap-2">
            <Button type="submit" disabled={pending}>
              Save
            </Button>
            <Button variant="ghost" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : (
        <div className="flex flex-wrap gap-1">
          <Button
            variant="ghost"
            className="px-2 py-1 text-xs"
            disabled={pending}
            onClick={() => run(() => updateNoteAction({ noteId: note.id, pinned: !note.pinned }))}
          >
            {note.pinned ? "Unpin" : "Pin"}
          </Button>
          {mine ? (
            <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setEditing(true)}>
              Edit
            </Button>
          ) : null}
          {mine || (isOwner && !note.isPrivate) ? (
            confirming ? (
              <>
                <Button
                  variant="danger"
                  className="px-2 py-1 text-xs"
                  disabled={pending}
                  onClick={() => run(() => deleteNoteAction({ noteId: note.id }))}
                >
                  Delete for good
                </Button>
                <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => setConfirming(false)}>
                  Keep
                </Button>
              </>
            ) : (
              <Button variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={() => setConfirming(true)}>
                Delete
              </Button>
            )
          ) : null}
        </div>
      )}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
