"use client";

import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useActions } from "@/components/forms/use-action";
import { setContactTopicAction, setDoNotContactAction } from "../../[id]/actions";

type Props = {
  contactId: string;
  consent: string;
  requiresConsent: boolean; // the organisation sends marketing email only to customers who said yes
  doNotContact: boolean;
  topics: { key: string; name: string; subscribed: boolean }[];
  suppressions: { reason: string }[];
  canWrite: boolean;
  canSeeOutbox: boolean;
};

const BLOCKS: Record<string, string> = {
  hard_bounce: "Their address bounced: no email is sent to it.",
  complaint: "They marked an email as spam: no marketing email is sent to them.",
};

export function EmailPreferences({
  contactId,
  consent,
  requiresConsent,
  doNotContact,
  topics,
  suppressions,
  canWrite,
  canSeeOutbox,
}: Props) {
  const { run, error, pending } = useActions();
  const all = consent === "unsubscribed";
  // Under the organisation's "only to customers who said yes" setting, Not asked holds marketing email back like an opt-out.
  const held = requiresConsent && consent !== "subscribed";
  return (
    <div className="space-y-3 text-sm">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {suppressions.map((s) => (
        <Alert key={s.reason} tone="error">
          {BLOCKS[s.reason] ?? s.reason}
        </Alert>
      ))}
      <p>
        {all
          ? "Unsubscribed from all marketing email."
          : consent === "subscribed"
            ? "Subscribed to marketing email."
            : requiresConsent
              ? "Marketing consent not asked yet: no marketing email is sent to them, as your settings send it only to customers who said yes."
              : "Marketing consent not asked yet."}
      </p>
      <ul aria-label="Email topics" className="divide-y divide-slate-100">
        {topics.map((t) => (
          <li key={t.key} className="flex items-center justify-between gap-2 py-1.5">
            <span>
              {t.name}{" "}
              <span className="text-xs text-slate-500">
                {t.subscribed
                  ? all
                    ? "— held by the global opt-out"
                    : held
                      ? "— held until they agree to marketing email"
                      : "— subscribed"
                  : "— unsubscribed"}
              </span>
            </span>
            {canWrite ? (
              <Button
                variant="ghost"
                disabled={pending}
                onClick={() =>
                  run(() => setContactTopicAction({ contactId, topicKey: t.key, subscribed: !t.subscribed }))
                }
                aria-label={`${t.subscribed ? "Unsubscribe from" : "Resubscribe to"} ${t.name}`}
              >
                {t.subscribed ? "Unsubscribe" : "Resubscribe"}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      <label className="flex items-center gap-2">
        <input
          type="checkbox"
          className="size-4 accent-brand-600"
          checked={doNotContact}
          disabled={!canWrite || pending}
          onChange={(e) => run(() => setDoNotContactAction({ contactId, doNotContact: e.target.checked }))}
        />
        Do not contact (no marketing email, whatever their consent)
      </label>
      {canSeeOutbox ? (
        <Link href={`/outbox?contact=${contactId}`} className="inline-block font-medium text-brand-700 hover:underline">
          Emails to this customer →
        </Link>
      ) : null}
    </div>
  );
}
