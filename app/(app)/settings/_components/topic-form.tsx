"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useServerForm } from "@/components/forms/use-server-form";
import { topicSchema } from "@/lib/email/email.schema";
import { saveTopicAction } from "../email/actions";

type TopicValues = { key: string; name: string; description: string };

/** Creates a topic, or renames one (its key stays: sent email and opt-outs refer to it). */
export function TopicForm({ topicId, initial }: { topicId: string | null; initial: TopicValues }) {
  const router = useRouter();
  const { form, submit, formError, saved, pending } = useServerForm({
    schema: topicSchema,
    defaultValues: initial,
    action: (topic) => saveTopicAction({ topicId, topic }),
    onSuccess: () => {
      if (!topicId) form.reset({ key: "", name: "", description: "" });
      router.refresh();
    },
  });
  const { errors } = form.formState;
  const err = (name: keyof TopicValues) => errors[name]?.message;
  const p = topicId ? `topic-${topicId.slice(0, 8)}` : "topic-new";
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3"
      aria-label={topicId ? `Edit topic ${initial.name}` : "New topic"}
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved && !form.formState.isDirty ? <Alert tone="success">Topic saved.</Alert> : null}
      <fieldset disabled={pending} className="grid gap-3 sm:grid-cols-[10rem_12rem_1fr_auto] sm:items-end">
        <Field label="Key" htmlFor={`${p}-key`} error={err("key")}>
          <Input
            id={`${p}-key`}
            readOnly={!!topicId}
            aria-invalid={!!err("key")}
            aria-describedby={describedBy(`${p}-key`, err("key"))}
            {...form.register("key")}
          />
        </Field>
        <Field label="Name" htmlFor={`${p}-name`} error={err("name")}>
          <Input
            id={`${p}-name`}
            aria-invalid={!!err("name")}
            aria-describedby={describedBy(`${p}-name`, err("name"))}
            {...form.register("name")}
          />
        </Field>
        <Field label="Description" htmlFor={`${p}-description`} error={err("description")}>
          <Input id={`${p}-description`} aria-invalid={!!err("description")} {...form.register("description")} />
        </Field>
        <Button type="submit" variant="secondary" disabled={pending}>
          {topicId ? "Save" : "Add topic"}
        </Button>
      </fieldset>
    </form>
  );
}
