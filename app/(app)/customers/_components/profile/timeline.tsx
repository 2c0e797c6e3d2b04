import Link from "next/link";
import type { UserCtx } from "@/lib/context";
import { can } from "@/lib/auth/permissions";
import { contactTimeline, TIMELINE_FILTERS } from "@/lib/customers/timeline";
import { renderTimelineEntry } from "@/lib/activity/renderers";
import { pageFormatter } from "@/lib/format/server";
import { FormattedText } from "@/components/customers/formatted-text";
import { Card } from "@/components/ui/card";
import { When } from "@/components/ui/when";
import { NoteActions } from "./note-actions";

/** One feed, newest first; links carry the type filter and the cursor so it works without JS. */
export async function Timeline({
  ctx,
  contactId,
  type,
  cursor,
}: {
  ctx: UserCtx;
  contactId: string;
  type?: string;
  cursor?: string;
}) {
  const { entries, nextCursor } = await contactTimeline(ctx, contactId, { type, cursor });
  const format = await pageFormatter();
  const href = (p: Record<string, string | undefined>) => {
    const q = new URLSearchParams(Object.entries(p).filter((e): e is [string, string] => !!e[1]));
    return `/customers/${contactId}${q.size ? `?${q}` : ""}#timeline`;
  };
  const chip = (value: string | undefined, label: string) => (
    <Link
      key={label}
      href={href({ type: value })}
      aria-current={type === value ? "page" : undefined}
      className={`rounded-full border px-2.5 py-0.5 text-xs ${type === value ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`}
    >
      {label}
    </Link>
  );
  return (
    <Card title="Timeline">
      <div id="timeline" className="mb-4 flex flex-wrap gap-1.5" aria-label="Filter the timeline">
        {chip(undefined, "All")}
        {TIMELINE_FILTERS.map((f) => chip(f.value, f.label))}
      </div>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">{cursor ? "No older entries." : "Nothing here yet."}</p>
      ) : (
        <ol className="space-y-3" aria-label="Timeline entries">
          {entries.map((e) => {
            const r = renderTimelineEntry(e.type, e.data, format);
            const isNote = e.subjectType === "note" && e.subjectId;
            return (
              <li
                key={e.id}
                className={`rounded-md border p-3 ${r.tone === "note" ? "border-amber-200 bg-amber-50/40" : "border-slate-200"}`}
                data-testid="timeline-entry"
                data-type={e.type}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="text-sm font-medium break-words">
                    {r.title}
                    {e.isPrivate ? (
                      <span className="ml-2 rounded bg-slate-100 px-1.5 text-xs text-slate-600">Private</span>
                    ) : null}
                  </p>
                  <span className="text-xs text-slate-500">
                    <When value={e.occurredAt} />
                    {e.actorName ? ` · ${e.actorName}` : ""}
                  </span>
                </div>
                {r.detail ? <p className="text-xs text-slate-600">{r.detail}</p> : null}
                {r.body ? (
                  <div className="mt-1">
                    {r.tone === "note" ? (
                      <FormattedText source={r.body} />
                    ) : (
                      <p className="text-sm whitespace-pre-wrap text-slate-700">{r.body}</p>
                    )}
                  </div>
                ) : null}
                {e.subjectType === "email_message" && e.subjectId && can(ctx.actor.role, "email:read") ? (
                  <Link href={`/outbox/${e.subjectId}`} className="text-xs font-medium text-brand-700 hover:underline">
                    View email
                  </Link>
                ) : null}
                {isNote ? (
                  <NoteActions
                    note={{
                      id: e.subjectId!,
                      body: String(e.data.body ?? ""),
                      pinned: !!e.data.pinned,
                      isPrivate: e.isPrivate,
                    }}
                    mine={e.actorId === ctx.actor.id}
                    isOwner={ctx.actor.role === "owner"}
                    canWrite={can(ctx.actor.role, "customers:write")}
                  />
                ) : null}
              </li>
            );
          })}
        </ol>
      )}
      <nav aria-label="Timeline pages" className="mt-4 flex justify-between text-sm">
        {cursor ? (
          <Link href={href({ type })} className="font-medium text-brand-700 hover:underline">
            ← Newest
          </Link>
        ) : (
          <span />
        )}
        {nextCursor ? (
          <Link href={href({ type, before: nextCursor })} className="font-medium text-brand-700 hover:underline">
            Older entries →
          </Link>
        ) : null}
      </nav>
    </Card>
  );
}
