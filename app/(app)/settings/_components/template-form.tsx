"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, inputClasses, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useServerForm } from "@/components/forms/use-server-form";
import { templateSchema, type TemplateInput } from "@/lib/email/email.schema";
import { TEMPLATE_TOKENS } from "@/lib/email/tokens";
import { saveTemplateAction } from "../email/actions";

export function TemplateForm({
  templateId,
  initial,
  topics,
  justCreated = false,
}: {
  templateId: string | null;
  initial: TemplateInput;
  topics: { key: string; name: string }[];
  justCreated?: boolean;
}) {
  const router = useRouter();
  const { form, submit, formError, saved, pending } = useServerForm({
    schema: templateSchema,
    defaultValues: initial,
    action: (template) => saveTemplateAction({ templateId, template }),
    // A new template opens as an edit form (a new mount), which says it was saved.
    onSuccess: ({ id }) => (templateId ? router.refresh() : router.replace(`/settings/email?template=${id}&saved=1`)),
  });
  const { errors } = form.formState;
  const err = (name: keyof TemplateInput) => errors[name]?.message;
  const category = form.watch("category");
  return (
    <form onSubmit={submit} noValidate className="space-y-4" aria-label={templateId ? "Edit template" : "New template"}>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {(saved || justCreated) && !form.formState.isDirty ? <Alert tone="success">Template saved.</Alert> : null}
      <fieldset disabled={pending} className="space-y-4">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Name" htmlFor="t-name" error={err("name")}>
            <Input
              id="t-name"
              aria-invalid={!!err("name")}
              aria-describedby={describedBy("t-name", err("name"))}
              {...form.register("name")}
            />
          </Field>
          <Field
            label="Key (optional)"
            htmlFor="t-key"
            error={err("key")}
            hint="Playbooks may refer to a template by its key"
          >
            <Input
              id="t-key"
              aria-invalid={!!err("key")}
              aria-describedby={describedBy("t-key", err("key"), "hint")}
              {...form.register("key")}
            />
          </Field>
          <Field
            label="Category"
            htmlFor="t-category"
            error={err("category")}
            hint="Transactional email ignores marketing opt-outs: receipts, bookings"
          >
            <Select
              id="t-category"
              aria-describedby={describedBy("t-category", err("category"), "hint")}
              {...form.register("category")}
            >
              <option value="marketing">Marketing</option>
              <option value="transactional">Transactional</option>
            </Select>
          </Field>
          {category === "marketing" ? (
            <Field
              label="Topic"
              htmlFor="t-topic"
              error={err("topicKey")}
              hint="People can unsubscribe from just this topic"
            >
              <Select
                id="t-topic"
                aria-invalid={!!err("topicKey")}
                aria-describedby={describedBy("t-topic", err("topicKey"), "hint")}
                {...form.register("topicKey")}
              >
                <option value="">Choose a topic</option>
                {topics.map((t) => (
                  <option key={t.key} value={t.key}>
                    {t.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
        </div>
        <Field label="Subject" htmlFor="t-subject" error={err("subject")}>
          <Input
            id="t-subject"
            aria-invalid={!!err("subject")}
            aria-describedby={describedBy("t-subject", err("subject"))}
            {...form.register("subject")}
          />
        </Field>
        <Field
          label="Message"
          htmlFor="t-body"
          error={err("body")}
          hint='A blank line starts a paragraph; [label](https://…) is a link; {{contact.first_name | "there"}} is a token with a fallback'
        >
          <textarea
            id="t-body"
            rows={10}
            className={`${inputClasses} font-mono`}
            aria-invalid={!!err("body")}
            aria-describedby={describedBy("t-body", err("body"), "hint")}
            {...form.register("body")}
          />
        </Field>
        <p className="text-xs text-slate-500">
          Tokens:{" "}
          {TEMPLATE_TOKENS.map((t) => (
            <code key={t} className="mr-1.5 rounded bg-slate-100 px-1">{`{{${t}}}`}</code>
          ))}
        </p>
      </fieldset>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : "Save template"}
        </Button>
      </div>
    </form>
  );
}
