import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getLifecycleRules } from "@/lib/customers/lifecycle-settings";
import { getOrganization } from "@/lib/orgs/settings";
import { Card, PageHeader } from "@/components/ui/card";
import { RulesForm } from "../_components/rules-form";

export const metadata: Metadata = { title: "Lifecycle rules" };

export default async function RulesPage() {
  const ctx = await requireSession();
  const [rules, org] = await Promise.all([getLifecycleRules(ctx), getOrganization(ctx)]);
  return (
    <>
      <PageHeader
        title="Lifecycle rules"
        description="When customers become VIP, at risk or churned. Changes are written to their timelines and announced to playbooks."
      />
      <Card>
        <RulesForm
          initial={{
            vipThreshold: (rules.vipThresholdMinor / 100).toFixed(2),
            atRiskDays: rules.atRiskDays,
            churnedDays: rules.churnedDays,
          }}
          canEdit={can(ctx.actor.role, "org:update")}
          currency={org.currency}
        />
      </Card>
    </>
  );
}
