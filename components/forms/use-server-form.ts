"use client";

import { useState, useTransition } from "react";
import { useForm, type DefaultValues, type FieldValues, type Path, type Resolver } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import type { ActionResult } from "@/lib/action-result";
import { actionMessage } from "./action-feedback";

/**
 * react-hook-form validated by the shared zod schema in the browser, submitted to a server
 * action that validates again; the server's field errors land on the same fields.
 */
export function useServerForm<TSchema extends z.ZodType<FieldValues, FieldValues>, TResult>(options: {
  schema: TSchema;
  defaultValues: DefaultValues<z.input<TSchema>>;
  action: (values: z.input<TSchema>) => Promise<ActionResult<TResult>>;
  onSuccess?: (data: TResult) => void;
}) {
  const form = useForm<z.input<TSchema>>({
    resolver: zodResolver(options.schema as never) as unknown as Resolver<z.input<TSchema>>,
    defaultValues: options.defaultValues,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [pending, startTransition] = useTransition();

  const submit = form.handleSubmit((values) => {
    setFormError(null);
    setSaved(false);
    startTransition(async () => {
      const result = await options.action(values);
      if (result.ok) {
        setSaved(true);
        options.onSuccess?.(result.data);
        return;
      }
      // A field the form has shows its own error; anything else (an id, "form") joins the message.
      const current = form.getValues() as Record<string, unknown>;
      const isField = (field: string) => hasPath(current, field);
      setFormError(actionMessage(result, isField));
      for (const [field, message] of Object.entries(result.fieldErrors ?? {})) {
        if (isField(field)) form.setError(field as Path<z.input<TSchema>>, { type: "server", message });
      }
    });
  });

  return { form, submit, formError, saved, pending };
}

function hasPath(values: Record<string, unknown>, path: string): boolean {
  let at: unknown = values;
  for (const key of path.split(".")) {
    if (at === null || typeof at !== "object" || !(key in at)) return false;
    at = (at as Record<string, unknown>)[key];
  }
  return true;
}
