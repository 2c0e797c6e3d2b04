import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listPlaybooks } from "@/lib/playbooks/queries";
import { TRIGGER_LABELS, type PlaybookTrigger } from "@/lib/playbooks/constants";
import { Card, PageHeader } from "@/components/ui/card";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { Money } from "@/components/ui/when";
import { StatusBadge } from "@/components/playbooks/status-badge";
import { StatusToggle } from "./_components/status-toggle";
import { buttonClasses } from "@/components/ui/button";

export const metadata: Metadata = { title: "Playbooks" };
export const dynamic = "force-dynamic";

type Playbook = Awaited<ReturnType<typeof listPlaybooks>>["playbooks"][number];

function playbookColumns(currency: string): DataColumn<Playbook>[] {
  return [
    {
      key: "playbook",
      header: "Playbook",
      cell: (p) => (
        <>
          <Link href={`/playbooks/${p.id}`} className="font-medium text-brand-700 hover:underline">
            {p.name}
          </Link>
          <p className="text-xs text-slate-500">{p.description}</p>
        </>
      ),
    },
    { key: "status", header: "Status", cell: (p) => <StatusBadge status={p.status} /> },
    { key: "trigger", header: "Trigger", cell: (p) => TRIGGER_LABELS[p.trigger as PlaybookTrigger] ?? p.trigger },
    { key: "active", header: "Active runs", align: "right", className: "tabular-nums", cell: (p) => p.activeRuns },
    {
      key: "month",
      header: "Runs this month",
      align: "right",
      className: "tabular-nums",
      cell: (p) => p.runsThisMonth,
    },
    {
      key: "conversions",
      header: "Conversions",
      align: "right",
      className: "tabular-nums",
      cell: (p) => p.conversions,
    },
    {
      key: "recovered",
      header: "Recovered",
      align: "right",
      className: "tabular-nums",
      cell: (p) => <Money minor={p.recoveredMinor} currency={currency} />,
    },
  ];
}

const actions: DataColumn<Playbook> = {
  key: "actions",
  header: <span className="sr-only">Actions</span>,
  cell: (p) => <StatusToggle playbookId={p.id} name={p.name} status={p.status} published={!!p.currentVersionId} />,
};

export default async function PlaybooksPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "playbooks:read")) forbidden();
  const { playbooks, currency } = await listPlaybooks(ctx);
  const manage = can(ctx.actor.role, "playbooks:manage");
  const columns = playbookColumns(currency);
  return (
    <>
      <PageHeader
        title="Playbooks"
        description="Journeys that run by themselves when something happens to a customer. Quiet hours and the frequency cap apply to every email."
      />
      {manage ? (
        <Link href="/playbooks/new" className={buttonClasses("primary", "mb-4")}>
          New playbook
        </Link>
      ) : null}
      <Card>
        <DataTable
          label="Playbooks"
          className="min-w-[48rem]"
          columns={manage ? [...columns, actions] : columns}
          rows={playbooks}
          rowKey={(p) => p.id}
          empty="No playbooks yet."
        />
      </Card>
    </>
  );
}
