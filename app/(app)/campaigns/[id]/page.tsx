import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import {
  audienceNumbers,
  audienceSample,
  campaignProgress,
  campaignReport,
  campaignResults,
  EXCLUSION_LABELS,
  EXCLUSIONS,
  getCampaign,
  previewCampaign,
} from "@/lib/campaigns";
import { AB_METRIC_LABELS, CAMPAIGN_STATUS_LABELS, type VariantKey } from "@/lib/campaigns/constants";
import { pageFormatter } from "@/lib/format/server";
import { Card, PageHeader } from "@/components/ui/card";
import { Num, When } from "@/components/ui/when";
import { buttonClasses } from "@/components/ui/button";
import { StatusBadge } from "../_components/status-badge";
import { ComposeForm } from "../_components/compose-form";
import { composeData } from "../_components/compose-data";
import { ScheduleForm } from "../_components/schedule-form";
import { CampaignControls, DeleteDraftButton, TestSendButton } from "../_components/campaign-controls";
import { ProgressBar } from "../_components/progress-bar";
import { PreviewFrame } from "../_components/preview-frame";
import { ResultsCard } from "../_components/results-card";

export const metadata: Metadata = { title: "Campaign" };

export default async function CampaignPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ as?: string; variant?: string }>;
}) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "campaigns:read")) forbidden();
  const { id } = await params;
  const { as, variant } = await searchParams;
  const campaign = await getCampaign(ctx, id).catch((e) => {
    if (e instanceof NotFoundError) notFound();
    throw e;
  });
  const fmt = await pageFormatter();
  const owner = can(ctx.actor.role, "campaigns:send");
  const draft = campaign.status === "draft";
  const frozen = !!campaign.frozenAt;
  const [numbers, progress, report, results, preview, sample, compose] = await Promise.all([
    frozen ? null : audienceNumbers(ctx, id),
    frozen ? campaignProgress(ctx, id) : null,
    frozen ? campaignReport(ctx, id) : null,
    frozen ? campaignResults(ctx, id) : null,
    previewCampaign(ctx, id, as, variant),
    audienceSample(ctx, id),
    draft && can(ctx.actor.role, "campaigns:write") ? composeData(ctx) : null,
  ]);
  const variantKeys = campaign.variants.map((v) => v.key);
  const shownVariant = variant && variantKeys.includes(variant) ? variant : variantKeys.length ? "A" : undefined;
  const schedule =
    campaign.scheduleMode === "now"
      ? "Now"
      : campaign.scheduleMode === "at"
        ? null
        : `${campaign.localDate ?? ""} at ${campaign.localTime ?? ""} in each customer's own zone`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/campaigns" className="text-brand-700 hover:underline">
          ← Campaigns
        </Link>
      </p>
      <PageHeader title={campaign.name} />
      <div className="mb-4 flex flex-wrap items-center gap-3 text-sm text-slate-600">
        <StatusBadge status={campaign.status} label={CAMPAIGN_STATUS_LABELS[campaign.status]} />
        <span>{campaign.category === "transactional" ? "Transactional" : `Topic: ${campaign.topicKey}`}</span>
        {!draft ? <span>When: {schedule ?? <When value={campaign.scheduledAt} />}</span> : null}
        {campaign.abTestPercent ? (
          <span>
            A/B test: variants {variantKeys.join(", ")} to {campaign.abTestPercent}%, judged on{" "}
            {AB_METRIC_LABELS[campaign.abMetric ?? "click_rate"].toLowerCase()} after {campaign.abDecideAfterHours} h
          </span>
        ) : null}
        {campaign.startedAt ? (
          <span>
            Started <When value={campaign.startedAt} />
          </span>
        ) : null}
      </div>
      <div className="space-y-6">
        {progress ? (
          <Card
            title="Progress"
            description="Every customer in the audience was frozen when sending started; each gets it at most once."
          >
            <ProgressBar progress={progress} />
            {owner ? (
              <div className="mt-4">
                <CampaignControls id={campaign.id} name={campaign.name} status={campaign.status} />
              </div>
            ) : null}
          </Card>
        ) : null}
        {report ? (
          <Card
            title="Report"
            description="Opens and clicks count people once and leave out machine opens and link scanners."
          >
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-5" data-testid="campaign-report">
              {[
                ["Sent", report.sent, null],
                ["Delivered", report.delivered, null],
                [
                  "Opened (people)",
                  report.openedHuman,
                  report.sent ? fmt.percent(report.openedHuman / report.sent) : null,
                ],
                [
                  "Clicked (people)",
                  report.clickedHuman,
                  report.sent ? fmt.percent(report.clickedHuman / report.sent) : null,
                ],
                ["Unsubscribed", report.unsubscribed, null],
              ].map(([label, n, rate]) => (
                <div key={label as string}>
                  <dt className="text-xs text-slate-500 uppercase">{label}</dt>
                  <dd className="text-lg font-semibold tabular-nums">
                    <Num value={n as number} />
                    {rate ? <span className="ml-1 text-sm font-normal text-slate-500">{rate}</span> : null}
                  </dd>
                </div>
              ))}
            </dl>
          </Card>
        ) : null}
        {results ? (
          <ResultsCard
            results={results}
            basis={campaign.attributionBasis}
            windowDays={campaign.attributionWindowDays}
            fmt={fmt}
          />
        ) : null}
        {numbers ? (
          <Card
            title="Audience in numbers"
            description="Who gets it if it goes now (or at its time), and why the others do not. Each number lists the customers."
          >
            <ul className="grid gap-2 sm:grid-cols-2" data-testid="audience-numbers">
              <li>
                <Link
                  href={`/campaigns/${campaign.id}/audience?group=eligible`}
                  className="font-semibold text-brand-700 hover:underline"
                >
                  <Num value={numbers.eligible} /> eligible
                </Link>{" "}
                <span className="text-sm text-slate-500">
                  of <Num value={numbers.total} /> in the segments
                </span>
              </li>
              {numbers.deferredByQuietHours ? (
                <li>
                  <Link
                    href={`/campaigns/${campaign.id}/audience?group=deferred`}
                    className="text-brand-700 hover:underline"
                  >
                    <Num value={numbers.deferredByQuietHours} /> deferred by quiet hours
                  </Link>
                </li>
              ) : null}
              {EXCLUSIONS.filter((r) => numbers.excluded[r] > 0).map((r) => (
                <li key={r}>
                  <Link
                    href={`/campaigns/${campaign.id}/audience?group=${r}`}
                    className="text-brand-700 hover:underline"
                  >
                    <Num value={numbers.excluded[r]} /> — {EXCLUSION_LABELS[r]}
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        <Card
          title="Preview"
          description={
            preview?.as ? `As ${preview.as.name}` : "No customer in the audience yet: shown with sample values."
          }
        >
          {sample.length || variantKeys.length ? (
            <form method="get" className="mb-3 flex flex-wrap items-end gap-2">
              {variantKeys.length ? (
                <>
                  <label htmlFor="preview-variant" className="text-sm font-medium text-slate-700">
                    Variant
                  </label>
                  <select
                    id="preview-variant"
                    name="variant"
                    defaultValue={shownVariant}
                    className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                  >
                    {variantKeys.map((k) => (
                      <option key={k} value={k}>
                        {k}
                      </option>
                    ))}
                  </select>
                </>
              ) : null}
              {sample.length ? (
                <>
                  <label htmlFor="preview-as" className="text-sm font-medium text-slate-700">
                    Preview as
                  </label>
                  <select
                    id="preview-as"
                    name="as"
                    defaultValue={preview?.as?.id ?? ""}
                    className="rounded-md border border-slate-300 px-2 py-1.5 text-sm"
                  >
                    {sample.map((s) => (
                      <option key={s.id} value={s.id}>
                        {`${s.firstName} ${s.lastName}`.trim()}
                      </option>
                    ))}
                  </select>
                </>
              ) : null}
              <button type="submit" className={buttonClasses("secondary")}>
                Show
              </button>
            </form>
          ) : null}
          {preview ? (
            <div className="space-y-2">
              <p className="text-sm">
                <span className="text-slate-500">From</span> {preview.from}
              </p>
              <p className="text-sm" data-testid="preview-subject">
                <span className="text-slate-500">Subject</span> {preview.subject}
              </p>
              {preview.preheader ? (
                <p className="text-sm text-slate-600">
                  <span className="text-slate-500">Preheader</span> {preview.preheader}
                </p>
              ) : null}
              <PreviewFrame html={preview.html} text={preview.text} />
            </div>
          ) : (
            <p className="text-sm text-slate-500">Write a subject and a message to see it.</p>
          )}
          {owner && preview ? (
            <div className="mt-3">
              <TestSendButton id={campaign.id} variant={shownVariant} />
            </div>
          ) : null}
        </Card>
        {compose ? (
          <Card title="Compose">
            <ComposeForm
              campaignId={campaign.id}
              initial={{
                name: campaign.name,
                category: campaign.category === "transactional" ? "transactional" : (campaign.topicKey ?? ""),
                segmentIds: campaign.segmentIds,
                excludedSegmentIds: campaign.excludedSegmentIds,
                templateId: campaign.templateId ?? "",
                subject: campaign.subject,
                preheader: campaign.preheader,
                body: campaign.body ?? "",
                throttlePerHour: campaign.throttlePerHour,
                capExempt: campaign.capExempt,
                holdoutPercent: campaign.holdoutPercent,
                attributionWindowDays: campaign.attributionWindowDays,
                attributionBasis: campaign.attributionBasis,
                abEnabled: !!campaign.abTestPercent,
                abTestPercent: campaign.abTestPercent ?? 20,
                abMetric: campaign.abMetric ?? "click_rate",
                abDecideAfterHours: campaign.abDecideAfterHours ?? 4,
                abFallbackVariant: (campaign.abFallbackVariant as VariantKey | null) ?? "A",
                variants: campaign.variants
                  .filter((v) => v.key !== "A")
                  .map((v) => ({ subject: v.subject ?? "", preheader: v.preheader ?? "", body: v.body ?? "" })),
              }}
              {...compose}
            />
          </Card>
        ) : null}
        {draft && owner ? (
          <Card title="Send">
            <ScheduleForm campaignId={campaign.id} zone={fmt.zoneLabel()} />
            <div className="mt-4 border-t border-slate-100 pt-4">
              <DeleteDraftButton id={campaign.id} />
            </div>
          </Card>
        ) : null}
        {!frozen && campaign.status !== "draft" && owner ? (
          <Card title="Control">
            <CampaignControls id={campaign.id} name={campaign.name} status={campaign.status} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
