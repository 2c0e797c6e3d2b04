"use client";

import { useRouter } from "next/navigation";
import { useServerForm } from "@/components/forms/use-server-form";
import { noteSchema, type NoteInput } from "@/lib/customers/activity.schema";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import type { ActionResult } from "@/lib/action-result";

/**
 * Shared by the customer profile and the lead panel; each passes its own server action (components/
 * never imports app/) and what to refresh afterwards (the page by default).
 */
export function NoteForm({
  contactId,
  action,
  onSaved,
}: {
  contactId: string;
  action: (input: NoteInput) => Promise<ActionResult<unknown>>;
  onSaved?: () => void;
}) {
  const router = useRouter();
  const defaults: NoteInput = { contactId, body: "", pinned: false, isPrivate: false };
  const { form, submit, formError, saved, pending } = useServerForm({
    schema: noteSchema,
    defaultValues: defaults,
    action,
    onSuccess: () => {
      form.reset(defaults);
      if (onSaved) onSaved();
      else router.refresh();
    },
  });
  const error = form.formState.errors.body?.message;
  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-label="Add a note">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved && !form.formState.isDirty ? <Alert tone="success">Note added.</Alert> : null}
      <Field
        label="New note"
        htmlFor="note-body"
        error={error}
        hint="**bold**, *italic*, `code`, and lines starting with “- ” make a list"
      >
        <textarea
          id="note-body"
          rows={3}
          aria-invalid={!!error}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
          {...form.register("body")}
        />
      </Field>
      <div className="flex flex-wrap items-center gap-4">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" {...form.register("pinned")} />
          Pin to the top
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" {...form.register("isPrivate")} />
          Private (only you can see it)
        </label>
        <Button type="submit" disabled={pending} className="ml-auto">
          {pending ? "Saving…" : "Add note"}
        </Button>
      </div>
    </form>
  );
}
