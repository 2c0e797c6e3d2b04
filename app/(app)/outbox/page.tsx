import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listMessages } from "@/lib/email/outbox";
import { outboxFiltersSchema } from "@/lib/email/outbox.schema";
import { SUPPRESSION_LABELS, type SuppressionCode } from "@/lib/email/consent";
import { MESSAGE_STATUSES, SOURCE_TYPES, STATUS_LABELS } from "@/lib/email/types";
import { emailConfig } from "@/lib/email/config";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { FilterSelect, filterControlClasses } from "@/components/ui/filter-select";
import { DataTable, type DataColumn } from "@/components/ui/data-table";
import { EmailStatusBadge } from "@/app/(app)/outbox/_components/status-badge";
import { When } from "@/components/ui/when";

export const metadata: Metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

type Message = Awaited<ReturnType<typeof listMessages>>["messages"][number];

const columns: DataColumn<Message>[] = [
  {
    key: "subject",
    header: "Subject",
    className: "max-w-xs truncate",
    cell: (m) => (
      <>
        <Link href={`/outbox/${m.id}`} className="font-medium text-brand-700 hover:underline">
          {m.subject || "(no subject)"}
        </Link>
        <span className="block text-xs text-slate-500">
          {m.category}
          {m.topicKey ? ` · ${m.topicKey}` : ""}
        </span>
      </>
    ),
  },
  {
    key: "to",
    header: "To",
    cell: (m) => (
      <>
        {m.contactId ? (
          <Link href={`/outbox?contact=${m.contactId}`} className="hover:underline">
            {m.contactName ?? m.toEmail}
          </Link>
        ) : (
          m.toEmail || "—"
        )}
        <span className="block text-xs text-slate-500">{m.toEmail}</span>
      </>
    ),
  },
  {
    key: "status",
    header: "Status",
    cell: (m) => (
      <>
        <EmailStatusBadge status={m.status} />
        {m.suppressionReason ? (
          <span className="block text-xs text-slate-500">
            {SUPPRESSION_LABELS[m.suppressionReason as SuppressionCode] ?? m.suppressionReason}
          </span>
        ) : null}
      </>
    ),
  },
  { key: "source", header: "Source", className: "text-xs", cell: (m) => m.sourceType },
  { key: "created", header: "Created", className: "text-xs text-slate-600", cell: (m) => <When value={m.createdAt} /> },
];

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "email:read")) forbidden();
  const filters = outboxFiltersSchema.parse(await searchParams);
  const { messages, nextCursor } = await listMessages(ctx, filters);
  const keep = Object.fromEntries(
    Object.entries({ status: filters.status, source: filters.source, contact: filters.contact, q: filters.q }).filter(
      ([, v]) => v,
    ),
  ) as Record<string, string>;
  const local = emailConfig().mode === "local";
  return (
    <>
      <PageHeader
        title="Outbox"
        description={
          local
            ? "Every email Tend sent or held back. No email provider is configured, so messages stay here: open one to read it and follow its links."
            : "Every email Tend handed to Resend or held back, with what happened to it."
        }
      />
      <Card>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter emails">
          <FilterSelect
            label="Status"
            name="status"
            value={filters.status}
            anyLabel="Any status"
            options={MESSAGE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
          />
          <FilterSelect
            label="Source"
            name="source"
            value={filters.source}
            anyLabel="Any source"
            options={SOURCE_TYPES.map((s) => ({ value: s, label: s }))}
          />
          <label className="text-sm">
            <span className="block text-xs font-medium text-slate-600">Recipient</span>
            <input
              name="q"
              type="search"
              defaultValue={filters.q ?? ""}
              placeholder="email address"
              className={filterControlClasses}
            />
          </label>
          {filters.contact ? <input type="hidden" name="contact" value={filters.contact} /> : null}
          <button type="submit" className={buttonClasses("secondary")}>
            Filter
          </button>
          {Object.keys(keep).length ? (
            <Link href="/outbox" className="text-sm text-brand-700 hover:underline">
              Clear
            </Link>
          ) : null}
        </form>
        <DataTable
          label="Emails"
          className="min-w-[44rem]"
          columns={columns}
          rows={messages}
          rowKey={(m) => m.id}
          empty="No emails match. Emails appear here when playbooks, campaigns or teammates send them."
        />
        {nextCursor ? (
          <div className="mt-4 text-right">
            <Link
              href={`/outbox?${new URLSearchParams({ ...keep, cursor: nextCursor })}`}
              className={buttonClasses("secondary")}
            >
              Older emails →
            </Link>
          </div>
        ) : null}
      </Card>
    </>
  );
}
