import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listTeam } from "@/lib/team/team";
import { Card, PageHeader } from "@/components/ui/card";
import { AddTeammateForm } from "../_components/add-teammate-form";
import { TeamTable } from "../_components/team-table";

export const metadata: Metadata = { title: "Team" };

export default async function TeamPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "team:read")) forbidden();
  const team = await listTeam(ctx);
  return (
    <>
      <PageHeader title="Team" description="Who can sign in to this organisation, and what they may do." />
      <div className="space-y-6">
        <Card
          title="Members"
          description="Owners manage settings and the team; reps work leads; staff look after customers."
        >
          <TeamTable team={team} currentUserId={ctx.user.id} />
        </Card>
        <Card title="Add a teammate" description="They sign in with this email and the temporary password you choose.">
          <AddTeammateForm />
        </Card>
      </div>
    </>
  );
}
