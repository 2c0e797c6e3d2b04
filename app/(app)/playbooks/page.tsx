import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listPlaybooks } from "@/lib/playbooks/queries";
import { TRIGGER_LABELS, type PlaybookTrigger } from "@/lib/playbooks/constants";
import { Card, PageHeader } from "@/components/ui/card";
import { Forbidden } from "@/components/ui/forbidden";
import { formatMoney } from "@/components/kanban/format";
import { StatusBadge } from "@/components/playbooks/status-badge";
import { StatusToggle } from "./status-toggle";

export const metadata: Metadata = { title: "Playbooks" };
export const dynamic = "force-dynamic";

export default async function PlaybooksPage() {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "playbooks:read")) return <Forbidden what="Playbooks" permission="playbooks:read" />;
  const { playbooks, currency } = await listPlaybooks(ctx);
  const manage = can(ctx.actor.role, "playbooks:manage");
  return (
    <>
      <PageHeader title="Playbooks" description="Journeys that run by themselves when something happens to a customer. Quiet hours and the frequency cap apply to every email." />
      <Card>
        {playbooks.length === 0 ? (
          <p className="py-8 text-center text-sm text-slate-500">No playbooks yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full min-w-[48rem] text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">Playbook</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Trigger</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Active runs</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Runs this month</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Conversions</th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">Recovered</th>
                  {manage ? <th scope="col" className="py-2 font-medium"><span className="sr-only">Actions</span></th> : null}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {playbooks.map((p) => (
                  <tr key={p.id}>
                    <td className="py-2 pr-3">
                      <Link href={`/playbooks/${p.id}`} className="font-medium text-brand-700 hover:underline">{p.name}</Link>
                      <p className="text-xs text-slate-500">{p.description}</p>
                    </td>
                    <td className="py-2 pr-3"><StatusBadge status={p.status} /></td>
                    <td className="py-2 pr-3">{TRIGGER_LABELS[p.trigger as PlaybookTrigger] ?? p.trigger}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{p.activeRuns}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{p.runsThisMonth}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{p.conversions}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{formatMoney(p.recoveredMinor, currency)}</td>
                    {manage ? <td className="py-2"><StatusToggle playbookId={p.id} name={p.name} status={p.status} published={!!p.currentVersionId} /></td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
