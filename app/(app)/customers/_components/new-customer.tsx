"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useServerForm } from "@/components/forms/use-server-form";
import { newContactSchema } from "@/lib/customers/contact.schema";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { createContactAction } from "../actions";

export function NewCustomer() {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const { form, submit, formError, pending } = useServerForm({
    schema: newContactSchema,
    defaultValues: { firstName: "", lastName: "", email: "", phone: "", company: "" },
    action: createContactAction,
    onSuccess: (data) => router.push(`/customers/${data.id}`),
  });
  const err = (n: "firstName" | "lastName" | "email" | "phone" | "company") => form.formState.errors[n]?.message;
  if (!open) return <Button onClick={() => setOpen(true)}>New customer</Button>;
  return (
    <form
      onSubmit={submit}
      noValidate
      className="w-full space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      aria-label="New customer"
    >
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        {(["firstName", "lastName", "email", "phone", "company"] as const).map((n) => (
          <Field
            key={n}
            label={
              { firstName: "First name", lastName: "Last name", email: "Email", phone: "Phone", company: "Company" }[n]
            }
            htmlFor={`new-${n}`}
            error={err(n)}
          >
            <Input
              id={`new-${n}`}
              aria-invalid={!!err(n)}
              aria-describedby={describedBy(`new-${n}`, err(n))}
              {...form.register(n)}
            />
          </Field>
        ))}
      </div>
      <div className="flex gap-2">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add customer"}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
