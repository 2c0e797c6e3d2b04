import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { ZodError } from "zod";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { DomainError, NotFoundError } from "@/lib/errors";
import { getOrganization } from "@/lib/orgs/settings";
import { loadPlaybook } from "@/lib/playbooks/playbooks";
import { simulateRun } from "@/lib/playbooks/simulate";
import { zonedInstant, localParts, pad2 } from "@/lib/playbooks/zoned-time";
import { searchContactsForLead } from "@/lib/leads/people";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { StatusBadge } from "@/components/playbooks/status-badge";

export const metadata: Metadata = { title: "Simulate playbook" };
export const dynamic = "force-dynamic";

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

export default async function SimulatePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ q?: string; contact?: string; start?: string; draft?: string }>;
}) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "playbooks:read")) forbidden();
  const { id } = await params;
  const sp = await searchParams;
  const pb = await loadPlaybook(ctx.db, ctx.orgId, id).catch((e) =>
    e instanceof NotFoundError ? null : Promise.reject(e),
  );
  if (!pb) notFound();
  // From the editor: the owner's draft, not yet published.
  const draft = sp.draft === "1" && can(ctx.actor.role, "playbooks:manage");
  const org = await getOrganization(ctx);
  const options = await searchContactsForLead(ctx, sp.q ?? "", sp.contact || undefined);
  const now = localParts(new Date(), org.timeZone);
  const start = sp.start ?? `${now.year}-${pad2(now.month)}-${pad2(now.day)}T${pad2(now.hour)}:${pad2(now.minute)}`;
  let result: Awaited<ReturnType<typeof simulateRun>> | null = null;
  let problem: string | null = null;
  if (sp.contact) {
    const m = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)$/.exec(start);
    try {
      if (!m) throw new DomainError("Enter the start as a date and time.");
      const startAt = zonedInstant(org.timeZone, +m[1]!, +m[2]!, +m[3]!, +m[4]!, +m[5]!);
      result = await simulateRun(ctx, pb.id, { contactId: sp.contact, startAt: startAt.toISOString(), draft });
    } catch (e) {
      if (e instanceof DomainError) problem = e.message;
      else if (e instanceof ZodError) problem = e.issues[0]?.message ?? "Check the form.";
      else throw e;
    }
  }
  return (
    <>
      <Link
        href={draft ? `/playbooks/${pb.id}/edit` : `/playbooks/${pb.id}`}
        className="text-sm text-brand-700 hover:underline"
      >
        ← {draft ? `Back to the editor` : pb.name}
      </Link>
      <PageHeader
        title={draft ? `Simulate the draft of ${pb.name}` : `Simulate ${pb.name}`}
        description={`What a run would do for one customer from a chosen start${draft ? ", on the draft as last saved" : ""}: nothing is sent or saved.`}
      />
      <div className="space-y-6">
        <Card>
          <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Simulation">
            {draft ? <input type="hidden" name="draft" value="1" /> : null}
            <label className="text-sm">
              <span className="block text-xs font-medium text-slate-600">Search customers</span>
              <input name="q" defaultValue={sp.q ?? ""} className={field} placeholder="Name, email or company" />
            </label>
            <div className="text-sm">
              <label htmlFor="sim-contact" className="block text-xs font-medium text-slate-600">
                Customer
              </label>
              <select id="sim-contact" name="contact" defaultValue={sp.contact ?? ""} className={field}>
                <option value="">Choose…</option>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                    {o.company ? ` — ${o.company}` : ""}
                  </option>
                ))}
              </select>
            </div>
            <label className="text-sm">
              <span className="block text-xs font-medium text-slate-600">Start ({org.timeZone})</span>
              <input type="datetime-local" name="start" defaultValue={start} className={field} />
            </label>
            <button type="submit" className={buttonClasses("primary")}>
              Simulate
            </button>
          </form>
          {problem ? (
            <p role="alert" className="mt-3 text-sm text-red-700">
              {problem}
            </p>
          ) : null}
        </Card>
        {result ? (
          <Card
            title={
              result.draft
                ? `Timeline on the draft (version ${result.version})`
                : `Timeline on version ${result.version}`
            }
            description="Assumptions are shown where the future is unknown."
          >
            <p className="mb-3 text-sm text-slate-600" data-testid="simulate-zone">
              Times in {result.zone.zone}. {result.zone.reason}
            </p>
            <ol className="space-y-3" aria-label="Simulated timeline">
              {result.steps.map((s, i) => (
                <li key={i} className="rounded-md border border-slate-200 p-3">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="flex items-center gap-2">
                      <StatusBadge status={s.kind} />
                      <span className="text-sm">{s.detail}</span>
                    </span>
                    <span className="text-right text-xs text-slate-600">
                      <time dateTime={s.at} className="block">
                        {s.when.customer}
                        {s.when.organisation ? ` (organisation: ${s.when.organisation})` : ""}
                      </time>
                      <span className="block">
                        {s.when.sinceStart ? `${s.when.sinceStart} after the start` : "at the start"}
                      </span>
                    </span>
                  </div>
                  {s.assumption ? <p className="mt-1 text-xs text-amber-800">Assumption: {s.assumption}</p> : null}
                  {s.email ? (
                    <details className="mt-2 text-sm">
                      <summary className="cursor-pointer font-medium">{s.email.subject}</summary>
                      <pre className="mt-2 whitespace-pre-wrap rounded bg-slate-50 p-2 text-xs">{s.email.text}</pre>
                    </details>
                  ) : null}
                </li>
              ))}
            </ol>
          </Card>
        ) : null}
      </div>
    </>
  );
}
