"use client";

import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useServerForm } from "@/components/forms/use-server-form";
import { signupSchema } from "@/lib/orgs/signup.schema";
import { signupAction } from "../signup/actions";

export function SignupForm() {
  const { form, submit, formError, pending } = useServerForm({
    schema: signupSchema,
    defaultValues: { orgName: "", name: "", email: "", password: "" },
    action: signupAction,
  });
  const { errors } = form.formState;
  const fields = [
    { name: "orgName", label: "Business name", type: "text", autoComplete: "organization" },
    { name: "name", label: "Your name", type: "text", autoComplete: "name" },
    { name: "email", label: "Email", type: "email", autoComplete: "email" },
    {
      name: "password",
      label: "Password",
      type: "password",
      autoComplete: "new-password",
      hint: "At least 8 characters",
    },
  ] as const;

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {fields.map((f) => {
        const error = errors[f.name]?.message;
        const hint = "hint" in f ? f.hint : undefined;
        return (
          <Field key={f.name} label={f.label} htmlFor={f.name} error={error} hint={hint}>
            <Input
              id={f.name}
              type={f.type}
              autoComplete={f.autoComplete}
              aria-invalid={!!error}
              aria-describedby={describedBy(f.name, error, hint)}
              {...form.register(f.name)}
            />
          </Field>
        );
      })}
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Creating…" : "Create organisation"}
      </Button>
    </form>
  );
}
