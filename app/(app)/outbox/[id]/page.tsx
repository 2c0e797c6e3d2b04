import type { Metadata } from "next";
import Link from "next/link";
import { notFound, forbidden } from "next/navigation";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { NotFoundError } from "@/lib/errors";
import { getMessage } from "@/lib/email/outbox";
import { previewHtml } from "@/lib/email/preview";
import { SUPPRESSION_LABELS, type SuppressionCode } from "@/lib/email/consent";
import { emailConfig } from "@/lib/email/config";
import { Card } from "@/components/ui/card";
import { When } from "@/components/ui/when";
import { EmailStatusBadge } from "@/app/(app)/outbox/_components/status-badge";

export const metadata: Metadata = { title: "Email" };
export const dynamic = "force-dynamic";

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-2 py-1.5 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export default async function OutboxMessagePage({ params }: { params: Promise<{ id: string }> }) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "email:read")) forbidden();
  const { id } = await params;
  const {
    message: m,
    contactName,
    userName,
    events,
  } = await getMessage(ctx, id).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const unsubscribe = m.headers["List-Unsubscribe"]?.replace(/^<|>$/g, "") ?? null;
  return (
    <div className="space-y-6">
      <Link href="/outbox" className="text-sm font-medium text-brand-700 hover:underline">
        ← Outbox
      </Link>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{m.subject || "(no subject)"}</h1>
        <div className="mt-2">
          <EmailStatusBadge status={m.status} />
        </div>
      </div>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <Card
          title="Message"
          description={
            emailConfig().mode === "local"
              ? "Kept in the local outbox: links work and are tracked like in a real inbox."
              : undefined
          }
        >
          {/* Sandboxed: no scripts, no same-origin access; links open in a new tab. */}
          <iframe
            title="Rendered email"
            srcDoc={previewHtml(m)}
            sandbox="allow-popups allow-popups-to-escape-sandbox"
            className="h-[36rem] w-full rounded border border-slate-200 bg-white"
          />
          <h3 className="mt-5 text-sm font-semibold">Plain-text part</h3>
          <pre className="mt-2 max-h-80 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-3 text-xs">
            {m.text}
          </pre>
        </Card>
        <div className="space-y-6">
          <Card title="Details">
            <dl>
              <Row label="To">
                {m.contactId ? (
                  <Link href={`/customers/${m.contactId}`} className="text-brand-700 hover:underline">
                    {contactName ?? m.toEmail}
                  </Link>
                ) : (
                  (userName ?? "—")
                )}{" "}
                <span className="text-slate-500">{m.toEmail}</span>
              </Row>
              <Row label="Category">
                {m.category}
                {m.topicKey ? ` · ${m.topicKey}` : ""}
              </Row>
              <Row label="Source">
                {m.sourceType}
                {m.sourceId ? ` · ${m.sourceId}` : ""}
                {m.runId && m.sourceType === "playbook" ? (
                  <>
                    {" "}
                    ·{" "}
                    <Link href={`/playbooks/runs/${m.runId}`} className="text-brand-700 hover:underline">
                      run log
                    </Link>
                  </>
                ) : null}
              </Row>
              <Row label="Created">
                <When value={m.createdAt} />
              </Row>
              <Row label="Sent">
                <When value={m.sentAt} />
              </Row>
              {m.suppressionReason ? (
                <Row label="Not sent">
                  {SUPPRESSION_LABELS[m.suppressionReason as SuppressionCode] ?? m.suppressionReason}
                </Row>
              ) : null}
              {m.failureReason ? (
                <Row label={m.status === "failed" ? "Failed" : "Last error"}>{m.failureReason}</Row>
              ) : null}
              {m.providerId ? (
                <Row label="Provider id">
                  <span className="font-mono text-xs">{m.providerId}</span>
                </Row>
              ) : null}
            </dl>
          </Card>
          <Card title="Headers">
            {Object.keys(m.headers).length === 0 ? (
              <p className="text-sm text-slate-500">
                No extra headers (only marketing email carries List-Unsubscribe).
              </p>
            ) : (
              <dl className="space-y-2 text-xs">
                {Object.entries(m.headers).map(([k, v]) => (
                  <div key={k}>
                    <dt className="font-mono font-semibold">{k}</dt>
                    <dd className="break-all font-mono text-slate-700">{v}</dd>
                  </div>
                ))}
              </dl>
            )}
            {unsubscribe ? (
              <a
                href={unsubscribe}
                target="_blank"
                rel="noreferrer"
                className="mt-3 inline-block text-sm font-medium text-brand-700 hover:underline"
              >
                Open the unsubscribe page
              </a>
            ) : null}
          </Card>
          <Card title="History">
            {events.length === 0 ? (
              <p className="text-sm text-slate-500">
                Nothing yet{m.status === "queued" ? ": waiting to be handed to the provider." : "."}
              </p>
            ) : (
              <ol className="space-y-2 text-sm">
                {events.map((e) => (
                  <li key={e.id}>
                    <span className="font-medium">{e.type.replace(/_/g, " ")}</span>{" "}
                    <span className="text-xs text-slate-500">
                      <When value={e.occurredAt} />
                    </span>
                    {typeof e.data.url === "string" && e.data.url ? (
                      <span className="block break-all text-xs text-slate-600">{e.data.url}</span>
                    ) : null}
                    {typeof e.data.message === "string" && e.data.message ? (
                      <span className="block text-xs text-slate-600">{e.data.message}</span>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
