import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { campaignEarnings, listCampaigns } from "@/lib/campaigns";
import { pageFormatter } from "@/lib/format/server";
import { CAMPAIGN_STATUS_LABELS } from "@/lib/campaigns/constants";
import { PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { Money, Num, When } from "@/components/ui/when";
import { StatusBadge } from "./_components/status-badge";

export const metadata: Metadata = { title: "Campaigns" };

const PER_PAGE = 25;

export default async function CampaignsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "campaigns:read")) forbidden();
  const page = Math.max(1, Math.floor(Number((await searchParams).page)) || 1);
  const fetched = await listCampaigns(ctx, { limit: PER_PAGE + 1, offset: (page - 1) * PER_PAGE });
  const rows = fetched.slice(0, PER_PAGE);
  const more = fetched.length > PER_PAGE;
  const earnings = await campaignEarnings(
    ctx,
    rows.filter((r) => r.frozenAt).map((r) => r.id),
  );
  const fmt = await pageFormatter();
  const rate = (n: number, d: number) => (d ? fmt.percent(n / d) : "—");
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
      {rows.length === 0 && page > 1 ? (
        <p className="text-sm text-slate-600">
          No campaigns on page {page}.{" "}
          <Link href="/campaigns" className="text-brand-700 hover:underline">
            Back to the newest
          </Link>
        </p>
      ) : rows.length === 0 ? (
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
                <th className="px-3 py-2 text-right">Opened (people)</th>
                <th className="px-3 py-2 text-right">Clicked (people)</th>
                <th className="px-3 py-2 text-right">Unsubscribed</th>
                <th className="px-3 py-2 text-right">Conversions</th>
                <th className="px-3 py-2 text-right">Revenue</th>
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
                  <td className="px-3 py-2 text-right tabular-nums">{rate(c.openedHuman, c.sent)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{rate(c.clickedHuman, c.sent)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    <Num value={c.unsubscribed} />
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {earnings.has(c.id) ? <Num value={earnings.get(c.id)!.conversions} /> : "—"}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {earnings.has(c.id) ? (
                      <Money minor={earnings.get(c.id)!.revenueMinor} currency={earnings.get(c.id)!.currency} />
                    ) : (
                      "—"
                    )}
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
      {page > 1 || more ? (
        <nav aria-label="Pages" className="mt-3 flex items-center gap-3 text-sm">
          {page > 1 ? (
            <Link href={`/campaigns?page=${page - 1}`} className="text-brand-700 hover:underline">
              ← Newer
            </Link>
          ) : null}
          <span className="text-slate-500">Page {page}</span>
          {more ? (
            <Link href={`/campaigns?page=${page + 1}`} className="text-brand-700 hover:underline">
              Older →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
