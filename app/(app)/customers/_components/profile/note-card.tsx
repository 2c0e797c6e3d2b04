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
    <article
      className={
        note.pinned
          ? "rounded-md border border-amber-200 bg-amber-50/60 p-3"
          : "rounded-md border border-slate-200 bg-white p-3"
      }
      data-testid={note.pinned ? "pinned-note" : "note"}
    >
      <p className="mb-1 flex flex-wrap items-center gap-x-1 text-xs text-slate-600">
        {note.pinned ? <span>📌 Pinned ·</span> : null}
        {note.isPrivate ? (
          <span
            className="rounded bg-slate-800 px-1.5 py-0.5 font-medium text-white"
            title="Only you can see this note"
          >
            Private: only you see it
          </span>
        ) : null}
        <span>
          {note.isPrivate ? "· " : ""}
          {note.authorName ?? "Someone"} · <When value={note.createdAt} />
        </span>
      </p>
      <FormattedText source={note.body} />
      <NoteActions note={note} mine={mine} isOwner={isOwner} canWrite={canWrite} />
    </article>
  );
}
