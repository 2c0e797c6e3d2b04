import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listSegments } from "@/lib/segments/segments";
import { PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { When } from "@/components/ui/when";
import { pageFormatter } from "@/lib/format/server";
import { NewStaticSegment } from "@/app/(app)/segments/_components/new-static-segment";

export const metadata: Metadata = { title: "Segments" };

export default async function SegmentsPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "segments:read")) forbidden();
  const rows = await listSegments(ctx);
  const fmt = await pageFormatter();
  const manage = can(ctx.actor.role, "segments:manage");
  return (
    <>
      <PageHeader
        title="Segments"
        description="Groups of customers, kept up to date as their data changes. Playbooks can start when someone enters one."
      />
      {manage ? (
        <div className="mb-4 flex flex-wrap items-center gap-2">
          <Link href="/segments/new" className={buttonClasses("primary")}>
            New segment
          </Link>
          <NewStaticSegment />
        </div>
      ) : null}
      {rows.length === 0 ? (
        <div
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center"
          data-testid="segments-empty"
        >
          <h2 className="font-semibold">No segments yet</h2>
          <p className="mt-1 text-sm text-slate-600">
            {manage
              ? "Build one from conditions, or hand-pick customers into a static segment."
              : "An owner can build segments from conditions or hand-picked customers."}
          </p>
        </div>
      ) : (
        <div className="table-frame rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
              <tr>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">Kind</th>
                <th className="px-3 py-2 text-right">Members</th>
                <th className="px-3 py-2">Updated</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <Link href={`/segments/${s.id}`} className="font-medium text-brand-700 hover:underline">
                      {s.name}
                    </Link>
                    {s.description ? <p className="text-xs text-slate-500">{s.description}</p> : null}
                  </td>
                  <td className="px-3 py-2">{s.kind === "static" ? "Hand-picked" : "Conditions"}</td>
                  <td className="px-3 py-2 text-right tabular-nums" data-testid="member-count">
                    {fmt.number(s.memberCount)}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                    <When value={s.refreshedAt ?? s.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
