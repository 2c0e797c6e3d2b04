import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { myFollowUps } from "@/lib/customers/follow-ups";
import { dueDateOf } from "@/lib/customers/dates";
import { Card, PageHeader } from "@/components/ui/card";
import { DoneButton } from "@/components/customers/done-button";
import { completeFollowUpAction } from "../customers/[id]/actions";

export const metadata: Metadata = { title: "My follow-ups" };

export default async function MyFollowUpsPage() {
  const ctx = await requireSession();
  const { overdue, dueToday, today, timeZone } = await myFollowUps(ctx);
  return (
    <>
      <PageHeader
        title="My follow-ups"
        description={`What is overdue and due today for you. Today is ${today} in ${timeZone}, your organisation's time zone.`}
      />
      <div className="space-y-6">
        <Section title="Overdue" items={overdue} empty="Nothing overdue." />
        <Section title="Due today" items={dueToday} empty="Nothing else due today." />
      </div>
    </>
  );
}

function Section({
  title,
  items,
  empty,
}: {
  title: string;
  items: Awaited<ReturnType<typeof myFollowUps>>["overdue"];
  empty: string;
}) {
  return (
    <Card title={`${title} (${items.length})`}>
      {items.length === 0 ? (
        <p className="text-sm text-slate-500">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={title}>
          {items.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span>
                {t.title} ·{" "}
                <Link className="text-brand-700 underline" href={`/customers/${t.contactId}`}>
                  {t.contactName} {t.contactLastName}
                </Link>{" "}
                <span className="text-xs text-slate-500">due {dueDateOf(t.dueAt)}</span>
              </span>
              <DoneButton label={t.title} action={completeFollowUpAction.bind(null, { followUpId: t.id })} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
