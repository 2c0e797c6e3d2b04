import { forbidden } from "next/navigation";
import type { Metadata } from "next";
import Link from "next/link";
import { requireSession } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listTemplates } from "@/lib/email/templates";
import { listTopics } from "@/lib/email/topics";
import { emailConfig } from "@/lib/email/config";
import { Card, PageHeader } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import { TemplateForm } from "../_components/template-form";
import { TopicForm } from "../_components/topic-form";
import { ActionButton } from "@/components/ui/action-button";
import { deleteTopicAction } from "./actions";

export const metadata: Metadata = { title: "Email settings" };
export const dynamic = "force-dynamic";

const BLANK = { key: "", name: "", subject: "", body: "", category: "marketing" as const, topicKey: "" };

export default async function EmailSettingsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const ctx = await requireSession();
  if (!can(ctx.actor.role, "email:manage")) forbidden();
  const { template: selected, saved } = await searchParams;
  const [templates, topics] = await Promise.all([listTemplates(ctx), listTopics(ctx)]);
  const editing = selected && selected !== "new" ? templates.find((t) => t.id === selected) : undefined;
  const cfg = emailConfig();
  return (
    <div className="space-y-6">
      <PageHeader title="Email" description="Templates and the topics people can subscribe to or leave one by one." />
      <p className="text-sm text-slate-600">
        {cfg.mode === "resend" ? (
          <>
            Sending through Resend from <strong>{cfg.from}</strong>.
          </>
        ) : (
          <>
            No email provider is configured: messages stay in the{" "}
            <Link href="/outbox" className="text-brand-700 underline">
              Outbox
            </Link>
            . Set <code>RESEND_API_KEY</code> and <code>EMAIL_FROM</code> to send for real.
          </>
        )}
      </p>
      <Card
        title="Templates"
        actions={
          <Link href="/settings/email?template=new" className={buttonClasses("secondary")}>
            New template
          </Link>
        }
      >
        {templates.length === 0 ? (
          <p className="text-sm text-slate-500">No templates yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {templates.map((t) => (
              <li key={t.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>
                  <Link
                    href={`/settings/email?template=${t.id}`}
                    className="font-medium text-brand-700 hover:underline"
                  >
                    {t.name}
                  </Link>
                  <span className="ml-2 text-xs text-slate-500">
                    {t.category}
                    {t.topicKey ? ` · ${t.topicKey}` : ""}
                    {t.key ? ` · key ${t.key}` : ""}
                  </span>
                </span>
                <span className="max-w-md truncate text-xs text-slate-500">{t.subject}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      {selected === "new" || editing ? (
        <Card title={editing ? `Edit “${editing.name}”` : "New template"}>
          <TemplateForm
            key={editing?.id ?? "new"}
            templateId={editing?.id ?? null}
            justCreated={saved === "1"}
            topics={topics.map((t) => ({ key: t.key, name: t.name }))}
            initial={
              editing
                ? {
                    key: editing.key ?? "",
                    name: editing.name,
                    subject: editing.subject,
                    body: editing.body,
                    category: editing.category,
                    topicKey: editing.topicKey ?? "",
                  }
                : BLANK
            }
          />
        </Card>
      ) : null}
      <Card
        title="Topics"
        description="Every marketing email belongs to one topic; its unsubscribe link offers to leave just that topic."
      >
        <div className="space-y-4">
          {topics.map((t) => (
            <div key={t.id} className="space-y-1">
              <TopicForm topicId={t.id} initial={{ key: t.key, name: t.name, description: t.description }} />
              <ActionButton
                label="Delete topic"
                ariaLabel={`Delete topic ${t.name}`}
                confirm={`Delete “${t.name}”`}
                warning="Templates and playbooks must not use it. Opt-outs are kept."
                variant="danger"
                done="Topic deleted."
                action={deleteTopicAction.bind(null, { topicId: t.id })}
              />
            </div>
          ))}
          <div className="border-t border-slate-100 pt-4">
            <TopicForm topicId={null} initial={{ key: "", name: "", description: "" }} />
          </div>
        </div>
      </Card>
    </div>
  );
}
