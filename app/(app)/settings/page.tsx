import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getOrganization, toSettingsForm } from "@/lib/orgs/settings";
import { supportedTimeZones } from "@/lib/time-zones";
import { Card, PageHeader } from "@/components/ui/card";
import { OrganizationForm } from "./_components/organization-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const ctx = await requireSession();
  const org = await getOrganization(ctx);
  return (
    <>
      <PageHeader title="Settings" description="How your organisation appears and when it may message customers." />
      <Card title="Organisation">
        <OrganizationForm
          initial={toSettingsForm(org)}
          canEdit={can(ctx.actor.role, "org:update")}
          timeZones={supportedTimeZones()}
          currencies={Intl.supportedValuesOf("currency")}
        />
      </Card>
    </>
  );
}
