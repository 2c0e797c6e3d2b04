import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { getSegment } from "@/lib/segments/segments";
import { listMembers } from "@/lib/segments/members";
import { fieldCatalog } from "@/lib/segments/registry";
import { emptyCriteria } from "@/lib/segments/criteria.schema";
import { LIFECYCLE_LABELS } from "@/lib/customers/lifecycle";
import { PageHeader } from "@/components/ui/card";
import { When } from "@/components/ui/when";
import { pageFormatter } from "@/lib/format/server";
import { QueryProvider } from "@/components/providers/query-provider";
import { SegmentBuilder } from "@/app/(app)/segments/_components/builder";
import { CriteriaSummary } from "@/app/(app)/segments/_components/criteria-summary";
import { SegmentActions } from "@/app/(app)/segments/_components/segment-actions";
import { AddByEmails, RemoveMember } from "@/app/(app)/segments/_components/static-members";
import { recordHistory } from "@/lib/audit/query";
import { HistoryCard } from "@/components/history/history-card";

export const metadata: Metadata = { title: "Segment" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ after?: string }> };

export default async function SegmentPage({ params, searchParams }: Props) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "segments:read")) forbidden();
  const { id } = await params;
  const { after } = await searchParams;
  const segment = await getSegment(ctx, id).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const manage = can(ctx.actor.role, "segments:manage");
  const [members, fields] = await Promise.all([
    listMembers(ctx, segment.id, typeof after === "string" ? after : undefined),
    fieldCatalog(ctx),
  ]);
  const isStatic = segment.kind === "static";
  const fmt = await pageFormatter();
  const history = can(ctx.actor, "audit:read") ? await recordHistory(ctx, "segment", segment.id) : null;
  return (
    <>
      <Link href="/segments" className="text-sm text-brand-700 hover:underline">
        ← Segments
      </Link>
      <PageHeader
        title={segment.name}
        description={`${segment.description ? `${segment.description} · ` : ""}${isStatic ? "Hand-picked" : "Conditions"} · ${fmt.number(segment.memberCount)} members`}
      />
      {manage ? (
        <div className="mb-4">
          <SegmentActions id={segment.id} name={segment.name} canExport={can(ctx.actor.role, "customers:export")} />
        </div>
      ) : null}
      {!isStatic && manage ? (
        <QueryProvider>
          <SegmentBuilder
            segmentId={segment.id}
            initial={{
              name: segment.name,
              description: segment.description,
              criteria: segment.criteria ?? emptyCriteria(),
            }}
            fields={fields}
          />
        </QueryProvider>
      ) : null}
      {!isStatic && !manage ? (
        <section className="mb-4 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 className="mb-1 font-semibold">Conditions</h2>
          <ul>{segment.criteria ? <CriteriaSummary node={segment.criteria} fields={fields} /> : null}</ul>
        </section>
      ) : null}
      {isStatic && manage ? (
        <section className="mb-4 rounded-lg border border-slate-200 bg-white p-4">
          <AddByEmails segmentId={segment.id} />
          <p className="mt-2 text-xs text-slate-500">
            You can also select customers on the Customers page and add them here.
          </p>
        </section>
      ) : null}
      <section className="mt-4" aria-labelledby="members-title">
        <h2 id="members-title" className="mb-2 text-base font-semibold">
          Members
        </h2>
        {members.rows.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
            {after ? "No more members." : "Nobody is in this segment yet."}
          </p>
        ) : (
          <div className="table-frame rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm">
              <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
                <tr>
                  <th className="px-3 py-2">Name</th>
                  <th className="px-3 py-2">Email</th>
                  <th className="px-3 py-2">Stage</th>
                  <th className="px-3 py-2">In since</th>
                  {isStatic && manage ? (
                    <th className="px-3 py-2">
                      <span className="sr-only">Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {members.rows.map((m) => {
                  const name = `${m.firstName} ${m.lastName}`.trim();
                  return (
                    <tr key={m.id} className="border-b border-slate-100 last:border-0">
                      <td className="px-3 py-2">
                        <Link href={`/customers/${m.id}`} className="font-medium text-brand-700 hover:underline">
                          {name}
                        </Link>
                      </td>
                      <td className="px-3 py-2">{m.email}</td>
                      <td className="px-3 py-2">{LIFECYCLE_LABELS[m.lifecycleStage]}</td>
                      <td className="px-3 py-2 whitespace-nowrap">
                        <When value={m.addedAt} style="date" />
                      </td>
                      {isStatic && manage ? (
                        <td className="px-3 py-2 text-right">
                          <RemoveMember segmentId={segment.id} contactId={m.id} name={name} />
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <nav aria-label="Member pages" className="mt-3 flex justify-between text-sm">
          {after ? (
            <Link href={`/segments/${segment.id}`} className="font-medium text-brand-700 hover:underline">
              ← First page
            </Link>
          ) : (
            <span />
          )}
          {members.next ? (
            <Link
              href={`/segments/${segment.id}?after=${encodeURIComponent(members.next)}`}
              className="font-medium text-brand-700 hover:underline"
            >
              Next page →
            </Link>
          ) : null}
        </nav>
      </section>
      {history ? (
        <div className="mt-6">
          <HistoryCard entries={history} logHref={`/settings/audit?targetType=segment&targetId=${segment.id}`} />
        </div>
      ) : null}
    </>
  );
}
