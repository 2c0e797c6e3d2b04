"use client";

import { Button } from "@/components/ui/button";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useServerForm } from "@/components/forms/use-server-form";
import { ROLE_LABELS, ROLES } from "@/lib/auth/roles";
import { addTeammateSchema, type AddTeammateInput } from "@/lib/team/team.schema";
import { addTeammateAction } from "../team/actions";

const EMPTY: AddTeammateInput = { name: "", email: "", role: "rep", password: "" };

export function AddTeammateForm() {
  const { form, submit, formError, saved, pending } = useServerForm({
    schema: addTeammateSchema,
    defaultValues: EMPTY,
    action: addTeammateAction,
    onSuccess: () => form.reset(EMPTY),
  });
  const { errors } = form.formState;
  const err = (name: keyof AddTeammateInput) => errors[name]?.message;

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      {saved ? <Alert tone="success">Teammate added. Share their email and temporary password with them.</Alert> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Name" htmlFor="tm-name" error={err("name")}>
          <Input
            id="tm-name"
            autoComplete="off"
            aria-invalid={!!err("name")}
            aria-describedby={describedBy("tm-name", err("name"))}
            {...form.register("name")}
          />
        </Field>
        <Field label="Teammate email" htmlFor="tm-email" error={err("email")}>
          <Input
            id="tm-email"
            type="email"
            autoComplete="off"
            aria-invalid={!!err("email")}
            aria-describedby={describedBy("tm-email", err("email"))}
            {...form.register("email")}
          />
        </Field>
        <Field label="Role" htmlFor="tm-role" error={err("role")}>
          <Select id="tm-role" {...form.register("role")}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Temporary password" htmlFor="tm-password" error={err("password")} hint="At least 8 characters">
          <Input
            id="tm-password"
            type="text"
            autoComplete="new-password"
            aria-invalid={!!err("password")}
            aria-describedby={describedBy("tm-password", err("password"), "hint")}
            {...form.register("password")}
          />
        </Field>
      </div>
      <div className="flex justify-end">
        <Button type="submit" disabled={pending}>
          {pending ? "Adding…" : "Add teammate"}
        </Button>
      </div>
    </form>
  );
}
