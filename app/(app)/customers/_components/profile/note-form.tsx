"use client";

import { useRouter } from "next/navigation";
import { useServerForm } from "@/components/forms/use-server-form";
import { noteSchema, type NoteInput } from "@/lib/customers/activity.schema";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { addNoteAction } from "../../[id]/actions";

export function NoteForm({ contactId }: { contactId: string }) {
  const router = useRouter();
  const defaults: NoteInput = { contactId, body: "", pinned: false, isPrivate: false };
  const { form, submit, formError, pending } = useServerForm({
    schema: noteSchema,
    defaultValues: defaults,
    action: addNoteAction,
    onSuccess: () => {
      form.reset(defaults);
      router.refresh();
    },
  });
  const error = form.formState.errors.body?.message;
  return (
    <form onSubmit={submit} noValidate className="space-y-2" aria-label="Add a note">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
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
