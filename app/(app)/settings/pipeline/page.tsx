import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getPipeline } from "@/lib/leads/pipeline";
import { Card, PageHeader } from "@/components/ui/card";
import { Alert } from "@/components/ui/alert";
import { StageEditor } from "../_components/stage-editor";
import { ScoringForm } from "../_components/scoring-form";
import { LostReasonsForm } from "../_components/lost-reasons-form";
import { countLostReasons } from "@/lib/leads/lost-reasons";

export const metadata: Metadata = { title: "Pipeline" };

export default async function PipelineSettingsPage() {
  const ctx = await requireSession();
  const [pipeline, lost] = await Promise.all([getPipeline(ctx), countLostReasons(ctx)]);
  const canEdit = can(ctx.actor.role, "pipeline:manage");
  return (
    <>
      <PageHeader title="Pipeline" description="The stages leads move through, and how leads are scored." />
      {!canEdit ? (
        <div className="mb-4">
          <Alert>Only owners can change the pipeline and scoring.</Alert>
        </div>
      ) : null}
      <div className="space-y-6">
        <Card
          title="Stages"
          description="Win probability weights each column's value; rotting days flag cards that sit too long; required fields are asked for on entry."
        >
          <StageEditor stages={pipeline.stages} canEdit={canEdit} />
        </Card>
        <Card
          title="Lost reasons"
          description="Offered when a lead is lost, so you can count why deals slip away. Renaming a reason leaves leads already lost as they were."
        >
          <LostReasonsForm
            initial={pipeline.lostReasons}
            counts={Object.fromEntries(lost.map((r) => [r.reason, r.count]))}
            canEdit={canEdit}
          />
        </Card>
        <Card title="Lead scoring" description="Fit rules and engagement, weighted into a 0–100 score.">
          <ScoringForm
            canEdit={canEdit}
            initial={{
              fitWeight: pipeline.scoreWeights.fit,
              engagementWeight: pipeline.scoreWeights.engagement,
              autoMqlScore: pipeline.autoMqlScore,
              disqualifyScore: pipeline.disqualifyScore,
              fitRules: pipeline.fitRules,
            }}
          />
        </Card>
      </div>
    </>
  );
}
