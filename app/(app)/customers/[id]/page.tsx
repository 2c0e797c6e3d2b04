import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { contactProfile } from "@/lib/customers/profile";
import { toDetailsForm } from "@/lib/customers/contacts";
import { contactNotes } from "@/lib/customers/notes";
import { contactFollowUps } from "@/lib/customers/follow-ups";
import { listAssignees } from "@/lib/customers/assignees";
import { getOrganization } from "@/lib/orgs/settings";
import { resolveCustomerZone, supportedTimeZones } from "@/lib/time-zones";
import { Card } from "@/components/ui/card";
import { ProfileHeader } from "../_components/profile/profile-header";
import { Metrics } from "../_components/profile/metrics";
import { DetailsForm } from "../_components/profile/details-form";
import { InteractionForm } from "@/components/customers/interaction-form";
import { NoteForm } from "@/components/customers/note-form";
import { addNoteAction, logInteractionAction } from "./actions";
import { NoteCard } from "../_components/profile/note-card";
import { FollowUpList } from "../_components/profile/follow-up-list";
import { Timeline } from "../_components/profile/timeline";
import { SimilarCustomers } from "../_components/profile/similar-customers";
import { possibleDuplicatesOf } from "@/lib/customers/duplicates";
import { EmailPreferences } from "../_components/profile/email-preferences";
import { contactEmailPreferences } from "@/lib/email/contact-preferences";
import { contactPlaybookRuns } from "@/lib/playbooks/queries";
import { PlaybookRuns } from "../_components/profile/playbook-runs";
import { recordHistory } from "@/lib/audit/query";
import { HistoryCard } from "@/components/history/history-card";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const ctx = await requireSession();
  const { id } = await params;
  const sp = await searchParams;
  // Another organisation's id (or a bad one) throws NotFoundError: the error page says "not found".
  const profile = await contactProfile(ctx, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const c = profile.contact;
  const canMerge = can(ctx.actor.role, "customers:merge");
  const seesPlaybooks = can(ctx.actor.role, "playbooks:read");
  const [noteList, followUps, assignees, org, similar, email, runs] = await Promise.all([
    contactNotes(ctx, c.id),
    contactFollowUps(ctx, c.id),
    listAssignees(ctx),
    getOrganization(ctx),
    canMerge ? possibleDuplicatesOf(ctx, c.id) : Promise.resolve([]),
    contactEmailPreferences(ctx, c.id),
    seesPlaybooks ? contactPlaybookRuns(ctx, c.id) : Promise.resolve([]),
  ]);
  const canWrite = can(ctx.actor.role, "customers:write");
  const history = can(ctx.actor, "audit:read") ? await recordHistory(ctx, "customer", c.id) : null;
  return (
    <div className="space-y-6">
      <Link href="/customers" className="text-sm font-medium text-brand-700 hover:underline">
        ← Customers
      </Link>
      <ProfileHeader
        contact={{
          id: c.id,
          name: `${c.firstName} ${c.lastName}`.trim(),
          email: c.email,
          phone: c.phone,
          company: c.company,
          stage: c.lifecycleStage,
          ownerId: c.ownerId,
          consent: c.marketingConsent,
        }}
        tags={profile.tags}
        assignees={assignees}
        canWrite={canWrite}
        canDelete={can(ctx.actor.role, "customers:delete")}
      />
      <SimilarCustomers people={similar} />
      <Metrics
        contact={c}
        currency={org.currency}
        engagement={profile.engagement}
        referred={profile.referred}
        referrer={profile.referrer}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        {canWrite ? (
          <Card title="Log an interaction">
            <InteractionForm contactId={c.id} action={logInteractionAction} />
          </Card>
        ) : null}
        <Card title="Follow-ups">
          <FollowUpList
            contactId={c.id}
            items={followUps.map((f) => ({
              id: f.id,
              title: f.title,
              dueAt: f.dueAt.toISOString(),
              doneAt: f.doneAt?.toISOString() ?? null,
              assigneeName: f.assigneeName,
            }))}
            assignees={assignees}
            canWrite={canWrite}
          />
        </Card>
      </div>
      <Card title="Notes">
        <div className="space-y-4">
          {canWrite ? <NoteForm contactId={c.id} action={addNoteAction} /> : null}
          {noteList.length ? (
            <ul aria-label="Notes" className="space-y-2">
              {noteList.map((n) => (
                <li key={n.id}>
                  <NoteCard
                    note={{ ...n, createdAt: n.createdAt.toISOString() }}
                    mine={n.authorId === ctx.actor.id}
                    isOwner={ctx.actor.role === "owner"}
                    canWrite={canWrite}
                  />
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">No notes yet.</p>
          )}
        </div>
      </Card>
      {seesPlaybooks ? (
        <Card title="Playbooks" description="Active runs first, then the latest that ended.">
          <PlaybookRuns runs={runs} canCancel={can(ctx.actor.role, "playbooks:manage")} />
        </Card>
      ) : null}
      <Timeline ctx={ctx} contactId={c.id} type={sp.type} cursor={sp.before} />
      <Card title="Email preferences">
        <EmailPreferences
          contactId={c.id}
          consent={email.consent}
          requiresConsent={org.marketingRequiresConsent}
          doNotContact={email.doNotContact}
          topics={email.topics}
          suppressions={email.suppressions}
          canWrite={canWrite}
          canSeeOutbox={can(ctx.actor.role, "email:read")}
        />
      </Card>
      {history ? (
        <HistoryCard entries={history} logHref={`/settings/audit?targetType=customer&targetId=${c.id}`} />
      ) : null}
      <Card title="Details">
        <p className="mb-3 text-sm text-slate-600" data-testid="customer-zone">
          Times for this customer: {resolveCustomerZone(c.timeZone, ctx.org.timeZone).reason}
        </p>
        <DetailsForm
          contactId={c.id}
          initial={toDetailsForm(c)}
          referrer={
            profile.referrer
              ? {
                  id: profile.referrer.id,
                  name: `${profile.referrer.firstName} ${profile.referrer.lastName}`.trim(),
                  detail: null,
                }
              : null
          }
          canEdit={canWrite}
          timeZones={supportedTimeZones()}
        />
      </Card>
    </div>
  );
}
