import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { audienceList, EXCLUSION_LABELS, getCampaign, type AudienceGroup } from "@/lib/campaigns";
import { PageHeader } from "@/components/ui/card";
import { Num } from "@/components/ui/when";

export const metadata: Metadata = { title: "Campaign audience" };

const TITLES: Record<string, string> = {
  eligible: "Eligible",
  deferred: "Deferred by quiet hours",
  ...EXCLUSION_LABELS,
};

export default async function CampaignAudiencePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ group?: string }>;
}) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "campaigns:read")) forbidden();
  const { id } = await params;
  const { group = "eligible" } = await searchParams;
  const found = await Promise.all([getCampaign(ctx, id), audienceList(ctx, id, group as AudienceGroup)]).catch((e) => {
    if (e instanceof NotFoundError || e instanceof ValidationError) notFound();
    throw e;
  });
  const [campaign, list] = found;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/campaigns/${campaign.id}`} className="text-brand-700 hover:underline">
          ← {campaign.name}
        </Link>
      </p>
      <PageHeader title={TITLES[group] ?? group} description={`Customers of “${campaign.name}” in this group.`} />
      <p className="mb-3 text-sm text-slate-600">
        <Num value={list.total} /> customers
        {list.total > list.rows.length ? `; the first ${list.rows.length} by name` : ""}.
      </p>
      {list.rows.length === 0 ? (
        <p className="text-sm text-slate-500">Nobody.</p>
      ) : (
        <ul
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          data-testid="audience-list"
        >
          {list.rows.map((r) => (
            <li key={r.id} className="px-4 py-2 text-sm">
              <Link href={`/customers/${r.id}`} className="font-medium text-brand-700 hover:underline">
                {r.name || "(no name)"}
              </Link>
              <span className="ml-2 text-slate-500">{r.email ?? "no email address"}</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
