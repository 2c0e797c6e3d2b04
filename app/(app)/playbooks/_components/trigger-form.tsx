"use client";

import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { Field, Select, describedBy } from "@/components/ui/field";
import { PLAYBOOK_TRIGGERS, SEGMENT_TRIGGER, TRIGGER_LABELS } from "@/lib/playbooks/constants";
import { setTriggerAction } from "../actions";

type Segment = { id: string; name: string };

/** What starts this playbook; "Entered a segment" asks which one. Owners only (the page checks). */
export function TriggerForm({
  playbookId,
  trigger,
  segmentId,
  segments,
}: {
  playbookId: string;
  trigger: string;
  segmentId: string | null;
  segments: Segment[];
}) {
  const [value, setValue] = useState(trigger);
  const [segment, setSegment] = useState(segmentId ?? "");
  const {
    run,
    pending,
    error,
    done,
    fieldErrors: errors,
  } = useAction(setTriggerAction, {
    fields: ["trigger", "triggerSegmentId"],
    done: "Trigger saved. New runs start on it; runs under way carry on.",
  });
  const save = () =>
    void run({ playbookId, trigger: { trigger: value, triggerSegmentId: value === SEGMENT_TRIGGER ? segment : "" } });
  return (
    <form
      aria-label="Trigger"
      className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-end"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <Field label="Starts when" htmlFor="pb-trigger" error={errors.trigger}>
        <Select
          id="pb-trigger"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-invalid={!!errors.trigger}
          aria-describedby={describedBy("pb-trigger", errors.trigger)}
        >
          {PLAYBOOK_TRIGGERS.map((t) => (
            <option key={t} value={t}>
              {TRIGGER_LABELS[t]}
            </option>
          ))}
        </Select>
      </Field>
      {value === SEGMENT_TRIGGER ? (
        <Field
          label="Segment"
          htmlFor="pb-trigger-segment"
          error={errors.triggerSegmentId}
          hint={segments.length ? "Customers who enter it from now on are enrolled" : "Create a segment first"}
        >
          <Select
            id="pb-trigger-segment"
            value={segment}
            onChange={(e) => setSegment(e.target.value)}
            aria-invalid={!!errors.triggerSegmentId}
            aria-describedby={describedBy("pb-trigger-segment", errors.triggerSegmentId, "hint")}
          >
            <option value="">Choose a segment…</option>
            {segments.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : (
        <div />
      )}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save trigger"}
      </Button>
      {error || done ? (
        <p role="status" className={`text-sm sm:col-span-3 ${error ? "text-red-700" : "text-green-700"}`}>
          {error ?? done}
        </p>
      ) : null}
    </form>
  );
}
