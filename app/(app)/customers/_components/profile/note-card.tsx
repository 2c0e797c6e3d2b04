import { FormattedText } from "@/components/customers/formatted-text";
import { When } from "@/components/ui/when";
import { NoteActions } from "./note-actions";

type Note = {
  id: string;
  body: string;
  pinned: boolean;
  isPrivate: boolean;
  authorName: string | null;
  createdAt: string;
};

export function NoteCard({
  note,
  mine,
  isOwner,
  canWrite,
}: {
  note: Note;
  mine: boolean;
  isOwner: boolean;
  canWrite: boolean;
}) {
  return (
    <article className="rounded-md border border-amber-200 bg-amber-50/60 p-3" data-testid="pinned-note">
      <p className="mb-1 text-xs text-slate-500">
        📌 Pinned{note.isPrivate ? " · Private" : ""} · {note.authorName ?? "Someone"} · <When value={note.createdAt} />
      </p>
      <FormattedText source={note.body} />
      <NoteActions note={note} mine={mine} isOwner={isOwner} canWrite={canWrite} />
    </article>
  );
}
