import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listCampaigns } from "@/lib/campaigns";
import { CAMPAIGN_STATUS_LABELS } from "@/lib/campaigns/constants";
import { PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { Num, When } from "@/components/ui/when";
import { StatusBadge } from "./_components/status-badge";

export const metadata: Metadata = { title: "Campaigns" };

export default async function CampaignsPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "campaigns:read")) forbidden();
  const rows = await listCampaigns(ctx);
  const write = can(ctx.actor.role, "campaigns:write");
  return (
    <>
      <PageHeader
        title="Campaigns"
        description="One email to one or more segments, sent once to each customer — now, at a time, or at a local time in each customer's zone."
      />
      {write ? (
        <div className="mb-4">
          <Link href="/campaigns/new" className={buttonClasses("primary")}>
            New campaign
          </Link>
        </div>
      ) : null}
      {rows.length === 0 ? (
        <div
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center"
          data-testid="campaigns-empty"
        >
          <h2 className="font-semibold">No campaigns yet</h2>
          <p className="mt-1 text-sm text-slate-600">
            {write
              ? "Write one to a segment: you will see who gets it, and why others do not, before it goes."
              : "An owner composes and sends campaigns; you will see them here."}
          </p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Campaigns, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600 uppercase">
              <tr>
                <th className="px-3 py-2">Name</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2 text-right">Audience</th>
                <th className="px-3 py-2 text-right">Sent</th>
                <th className="px-3 py-2 text-right">Delivered</th>
                <th className="px-3 py-2">Created</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} className="border-b border-slate-100 last:border-0 hover:bg-slate-50">
                  <td className="px-3 py-2">
                    <Link href={`/campaigns/${c.id}`} className="font-medium text-brand-700 hover:underline">
                      {c.name}
                    </Link>
                    <p className="text-xs text-slate-500">
                      {c.category === "transactional" ? "Transactional" : `Topic: ${c.topicKey}`}
                    </p>
                  </td>
                  <td className="px-3 py-2">
                    <StatusBadge status={c.status} label={CAMPAIGN_STATUS_LABELS[c.status]} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Num value={c.audience} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Num value={c.sent} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Num value={c.delivered} />
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-slate-600">
                    <When value={c.createdAt} />
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
