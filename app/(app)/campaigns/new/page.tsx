import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/card";
import { ComposeForm } from "../_components/compose-form";
import { composeData } from "../_components/compose-data";

export const metadata: Metadata = { title: "New campaign" };

export default async function NewCampaignPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "campaigns:write")) forbidden();
  const data = await composeData(ctx);
  return (
    <>
      <PageHeader
        title="New campaign"
        description="Saved as a draft: you see the audience in numbers and a preview before anything is sent."
      />
      <ComposeForm
        campaignId={null}
        initial={{
          name: "",
          category: data.topics[0]?.key ?? "transactional",
          segmentIds: [],
          excludedSegmentIds: [],
          templateId: "",
          subject: "",
          preheader: "",
          body: "",
          throttlePerHour: null,
          capExempt: false,
          holdoutPercent: 0,
          attributionWindowDays: 5,
          attributionBasis: "click",
          abEnabled: false,
          abTestPercent: 20,
          abMetric: "click_rate",
          abDecideAfterHours: 4,
          abFallbackVariant: "A",
          variants: [],
        }}
        {...data}
      />
    </>
  );
}
