"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, type LifecycleStage } from "@/lib/customers/lifecycle";
import { CONSENT_LABELS, type ConsentStatus } from "@/lib/customers/constants";
import { TagChip } from "@/app/(app)/customers/_components/tag-chip";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { useActions } from "@/components/forms/use-action";
import { deleteContactAction, setOwnerAction, setStageAction, tagAction, untagAction } from "../../[id]/actions";

type Props = {
  contact: {
    id: string;
    name: string;
    email: string | null;
    phone: string | null;
    company: string | null;
    stage: LifecycleStage;
    ownerId: string | null;
    consent: ConsentStatus;
  };
  tags: { id: string; name: string; color: string }[];
  assignees: { id: string; name: string }[];
  canWrite: boolean;
  canDelete: boolean;
};

export function ProfileHeader({ contact, tags, assignees, canWrite, canDelete }: Props) {
  const { run, error, pending } = useActions();
  const router = useRouter();
  const [tag, setTag] = useState("");
  const [confirming, setConfirming] = useState(false);
  return (
    <header className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight break-words" data-testid="customer-name">
            {contact.name}
          </h1>
          <p className="text-sm break-words text-slate-600">
            {[contact.email, contact.phone, contact.company].filter(Boolean).join(" · ") || "No contact details yet"}
          </p>
          <p className="mt-1 text-xs text-slate-500">Marketing consent: {CONSENT_LABELS[contact.consent]}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Select
            aria-label="Lifecycle stage"
            value={contact.stage}
            disabled={!canWrite || pending}
            onChange={(e) => run(() => setStageAction({ contactId: contact.id, stage: e.target.value }))}
            className="w-36"
          >
            {LIFECYCLE_STAGES.map((s) => (
              <option key={s} value={s}>
                {LIFECYCLE_LABELS[s]}
              </option>
            ))}
          </Select>
          <Select
            aria-label="Owner"
            value={contact.ownerId ?? ""}
            disabled={!canWrite || pending}
            onChange={(e) => run(() => setOwnerAction({ contactId: contact.id, ownerId: e.target.value || null }))}
            className="w-44"
          >
            <option value="">No owner</option>
            {assignees.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2" aria-label="Tags">
        {tags.map((t) => (
          <TagChip key={t.id} name={t.name} color={t.color}>
            {canWrite ? (
              <button
                type="button"
                aria-label={`Remove tag ${t.name}`}
                className="ml-0.5 rounded-full px-1 hover:bg-slate-100"
                disabled={pending}
                onClick={() => run(() => untagAction({ contactId: contact.id, tagId: t.id }))}
              >
                ×
              </button>
            ) : null}
          </TagChip>
        ))}
        {canWrite ? (
          <form
            className="flex gap-1"
            onSubmit={(e) => {
              e.preventDefault();
              if (tag.trim())
                run(() => tagAction({ contactId: contact.id, name: tag }), { onSuccess: () => setTag("") });
            }}
          >
            <Input
              aria-label="Add a tag"
              placeholder="Add a tag"
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              className="w-32 py-1"
            />
            <Button type="submit" variant="secondary" disabled={pending || !tag.trim()}>
              Add
            </Button>
          </form>
        ) : null}
        {canDelete ? (
          confirming ? (
            <span className="ml-auto flex items-center gap-2 text-sm">
              Delete this customer and their whole history?
              <Button
                variant="danger"
                disabled={pending}
                onClick={() =>
                  run(() => deleteContactAction({ contactId: contact.id }), {
                    onSuccess: () => router.push("/customers"),
                  })
                }
              >
                Yes, delete
              </Button>
              <Button variant="ghost" onClick={() => setConfirming(false)}>
                Keep
              </Button>
            </span>
          ) : (
            <Button variant="danger" className="ml-auto" onClick={() => setConfirming(true)}>
              Delete customer
            </Button>
          )
        ) : null}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </header>
  );
}
