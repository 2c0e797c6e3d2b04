"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { Alert } from "@/components/ui/alert";
import { useServerForm } from "@/components/forms/use-server-form";
import { createApiKeySchema, type CreateApiKeyInput } from "@/lib/api-keys/api-key.schema";
import { createApiKeyAction } from "../api-keys/actions";

const EMPTY: CreateApiKeyInput = { name: "" };

export function CreateApiKeyForm() {
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const { form, submit, formError, pending } = useServerForm({
    schema: createApiKeySchema,
    defaultValues: EMPTY,
    action: createApiKeyAction,
    onSuccess: (data) => {
      setCreated(data);
      setCopied(false);
      form.reset(EMPTY);
    },
  });
  const error = form.formState.errors.name?.message;

  async function copy() {
    if (!created) return;
    await navigator.clipboard?.writeText(created.key).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <div className="space-y-4">
      {created ? (
        <Alert tone="success">
          <p>Key “{created.name}” created. Copy it now: it will not be shown again.</p>
          <div className="mt-2 flex flex-wrap items-center gap-2">
            <code
              data-testid="new-api-key"
              className="break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900"
            >
              {created.key}
            </code>
            <Button variant="secondary" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </Button>
          </div>
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3">
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <div className="min-w-64 flex-1">
          <Field label="Key name" htmlFor="api-key-name" error={error}>
            <Input
              id="api-key-name"
              placeholder="Billing system"
              autoComplete="off"
              aria-invalid={!!error}
              aria-describedby={describedBy("api-key-name", error)}
              {...form.register("name")}
            />
          </Field>
        </div>
        <Button type="submit" disabled={pending}>
          {pending ? "Creating…" : "Create key"}
        </Button>
      </form>
    </div>
  );
}
