"use client";

import { useRouter } from "next/navigation";
import { useServerForm } from "@/components/forms/use-server-form";
import { followUpSchema, type FollowUpInput } from "@/lib/customers/activity.schema";
import { DoneButton } from "@/components/customers/done-button";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { completeFollowUpAction, createFollowUpAction } from "../../[id]/actions";

type Item = { id: string; title: string; dueAt: string; doneAt: string | null; assigneeName: string | null };

export function FollowUpList({
  contactId,
  items,
  assignees,
  canWrite,
}: {
  contactId: string;
  items: Item[];
  assignees: { id: string; name: string }[];
  canWrite: boolean;
}) {
  const router = useRouter();
  const defaults: FollowUpInput = { contactId, title: "", dueDate: "", assigneeId: "" };
  const { form, submit, formError, pending } = useServerForm({
    schema: followUpSchema,
    defaultValues: defaults,
    action: createFollowUpAction,
    onSuccess: () => {
      form.reset(defaults);
      router.refresh();
    },
  });
  const err = (n: keyof FollowUpInput) => form.formState.errors[n]?.message;
  return (
    <div className="space-y-4">
      {items.length === 0 ? <p className="text-sm text-slate-500">No follow-ups yet.</p> : null}
      <ul className="space-y-2" aria-label="Follow-ups">
        {items.map((f) => (
          <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 text-sm" data-testid="follow-up">
            <span className={f.doneAt ? "text-slate-500 line-through" : ""}>
              {f.title}{" "}
              <span className="text-xs text-slate-500">
                · due {f.dueAt.slice(0, 10)} · {f.assigneeName}
              </span>
            </span>
            {f.doneAt ? (
              <span className="text-xs text-emerald-700">Done</span>
            ) : canWrite ? (
              <DoneButton label={f.title} action={() => completeFollowUpAction({ followUpId: f.id })} />
            ) : null}
          </li>
        ))}
      </ul>
      {canWrite ? (
        <form
          onSubmit={submit}
          noValidate
          className="space-y-2 border-t border-slate-100 pt-3"
          aria-label="Add a follow-up"
        >
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <div className="grid gap-2 sm:grid-cols-3">
            <Field label="Task" htmlFor="fu-title" error={err("title")}>
              <Input id="fu-title" {...form.register("title")} />
            </Field>
            <Field label="Due" htmlFor="fu-due" error={err("dueDate")}>
              <Input id="fu-due" type="date" {...form.register("dueDate")} />
            </Field>
            <Field label="Assignee" htmlFor="fu-assignee" error={err("assigneeId")}>
              <Select id="fu-assignee" {...form.register("assigneeId")}>
                <option value="">Me</option>
                {assignees.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </Select>
            </Field>
          </div>
          <Button type="submit" variant="secondary" disabled={pending}>
            Add follow-up
          </Button>
        </form>
      ) : null}
    </div>
  );
}
