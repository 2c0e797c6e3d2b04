"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import { PLAYBOOK_TRIGGERS, SEGMENT_TRIGGER, TRIGGER_LABELS, type PlaybookTrigger } from "@/lib/playbooks/constants";
import { createPlaybookAction } from "../../actions";

/** From scratch, trigger first: the playbook is made as a draft and the editor opens on it. */
export function NewPlaybookForm({ segments }: { segments: { id: string; name: string }[] }) {
  const router = useRouter();
  const [name, setName] = useState("");
  const [trigger, setTrigger] = useState<PlaybookTrigger>("crm/tag.added");
  const [segment, setSegment] = useState("");
  const { run, pending, error, fieldErrors } = useAction(createPlaybookAction, {
    fields: ["name", "trigger", "triggerSegmentId"],
    onSuccess: (d) => router.push(`/playbooks/${d.id}/edit`),
  });
  return (
    <form
      aria-label="New playbook"
      className="grid max-w-xl gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ name, trigger, triggerSegmentId: trigger === SEGMENT_TRIGGER ? segment : "" });
      }}
    >
      <Field label="Name" htmlFor="np-name" error={fieldErrors.name}>
        <Input
          id="np-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={!!fieldErrors.name}
          aria-describedby={describedBy("np-name", fieldErrors.name)}
        />
      </Field>
      <Field label="Starts when" htmlFor="np-trigger" error={fieldErrors.trigger}>
        <Select id="np-trigger" value={trigger} onChange={(e) => setTrigger(e.target.value as PlaybookTrigger)}>
          {PLAYBOOK_TRIGGERS.map((t) => (
            <option key={t} value={t}>
              {TRIGGER_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      {trigger === SEGMENT_TRIGGER ? (
        <Field label="Segment" htmlFor="np-segment" error={fieldErrors.triggerSegmentId}>
          <Select
            id="np-segment"
            value={segment}
            onChange={(e) => setSegment(e.target.value)}
            aria-invalid={!!fieldErrors.triggerSegmentId}
            aria-describedby={describedBy("np-segment", fieldErrors.triggerSegmentId)}
          >
            <option value="">Choose a segment…</option>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={pending}>
          Create and open the editor
        </Button>
      </div>
    </form>
  );
}
