"use client";

import { useEffect } from "react";
import Link from "next/link";
import { useForm, type FieldPath, type Resolver, type UseFormReturn } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { CONDITION_FIELDS, CONTACT_DATE_FIELDS, UPDATABLE_FIELDS, nodeSchema } from "@/lib/playbooks/graph.schema";
import { DISCOUNT_KINDS } from "@/lib/playbooks/constants";
import type { DraftNode } from "@/lib/playbooks/editor/graph-ops";
import { LIFECYCLE_STAGES } from "@/lib/customers/lifecycle";
import type { EditorTemplate } from "@/lib/playbooks/drafts";
import { Button } from "@/components/ui/button";
import { Field, Input, Select, describedBy } from "@/components/ui/field";
import type { FieldInfo } from "@/lib/segments/fields/types";
import { CriteriaField } from "./criteria-field";
import { NODE_META, STRONG } from "./node-meta";

type Values = DraftNode;
type Form = UseFormReturn<Values>;
type Topic = { key: string; name: string };
type Opt = readonly (string | readonly [string, string])[];

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const toNumber = (v: unknown) => (v === "" || v == null ? NaN : Number(v));
const toNullableNumber = (v: unknown) => (v === "" || v == null ? null : Number(v));
const toNullableString = (v: unknown) => (v === "" || v == null ? null : String(v));

function errorAt(form: Form, name: string): string | undefined {
  let cur: unknown = form.formState.errors;
  for (const part of name.split(".")) cur = (cur as Record<string, unknown> | undefined)?.[part];
  return (cur as { message?: string } | undefined)?.message;
}

/** One input of the settings form, registered under its path in the node (`config.amount`). */
function F({
  form,
  name,
  label,
  kind = "text",
  options,
  as,
  hint,
}: {
  form: Form;
  name: string;
  label: string;
  kind?: "text" | "number" | "nullableNumber" | "nullableText" | "checkbox" | "textarea" | "select";
  options?: Opt;
  as?: "time";
  hint?: string;
}) {
  const id = `node-${name.replace(/\./g, "-")}`;
  const error = errorAt(form, name);
  const path = name as FieldPath<Values>;
  const common = { id, "aria-invalid": !!error, "aria-describedby": describedBy(id, error, hint) };
  if (kind === "checkbox")
    return (
      <div className="space-y-1">
        <label className="flex items-center gap-2 text-sm text-slate-700" htmlFor={id}>
          <input type="checkbox" {...common} {...form.register(path)} />
          {label}
        </label>
        {error ? (
          <p id={`${id}-error`} role="alert" className="text-xs text-red-700">
            {error}
          </p>
        ) : null}
      </div>
    );
  const setValueAs =
    kind === "number"
      ? toNumber
      : kind === "nullableNumber"
        ? toNullableNumber
        : kind === "nullableText"
          ? toNullableString
          : undefined;
  const reg = form.register(path, setValueAs ? { setValueAs } : {});
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      {kind === "select" || options ? (
        <Select {...common} {...reg}>
          {options!.map((o) => {
            const [value, text] = typeof o === "string" ? [o, o] : o;
            return (
              <option key={value} value={value}>
                {text}
              </option>
            );
          })}
        </Select>
      ) : kind === "textarea" ? (
        <textarea
          {...common}
          {...reg}
          rows={4}
          className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
        />
      ) : (
        <Input {...common} {...reg} type={as ?? (kind.endsWith("umber") ? "number" : "text")} />
      )}
    </Field>
  );
}

function ConfigFields({
  form,
  templates,
  topics,
  fields,
}: {
  form: Form;
  templates: EditorTemplate[];
  topics: Topic[];
  fields: FieldInfo[];
}) {
  const type = form.watch("type");
  const mode = form.watch("config.mode" as FieldPath<Values>) as unknown as string;
  const condKind = form.watch("config.condition.kind" as FieldPath<Values>) as unknown as string;
  const category = form.watch("config.category" as FieldPath<Values>) as unknown as string;
  switch (type) {
    case "send_email":
      return (
        <>
          <F
            form={form}
            name="config.templateId"
            label="Template"
            options={[["", "Choose a template…"], ...templates.map((t) => [t.id, t.name] as const)]}
          />
          <p className="text-xs">
            <Link href="/settings/email" className="text-brand-700 hover:underline">
              Make a new template
            </Link>
          </p>
          <F
            form={form}
            name="config.category"
            label="Category"
            options={[
              ["marketing", "Marketing (needs consent, has an unsubscribe link)"],
              ["transactional", "Transactional"],
            ]}
          />
          {category === "marketing" ? (
            <F
              form={form}
              name="config.topicKey"
              label="Topic"
              kind="nullableText"
              options={[["", "No topic"], ...topics.map((t) => [t.key, t.name] as const)]}
            />
          ) : null}
          <F
            form={form}
            name="config.onQuietHours"
            label="During quiet hours"
            options={[
              ["defer", "Send when quiet hours end"],
              ["skip", "Skip this email"],
            ]}
          />
        </>
      );
    case "wait":
      return (
        <div className="grid grid-cols-2 gap-2">
          <F form={form} name="config.amount" label="Wait for" kind="number" />
          <F form={form} name="config.unit" label="Unit" options={["minutes", "hours", "days"]} />
        </div>
      );
    case "wait_until":
      return (
        <>
          <F
            form={form}
            name="config.mode"
            label="Until"
            options={[
              ["weekday_time", "A weekday and time"],
              ["contact_date", "A date on the customer"],
            ]}
          />
          {mode === "contact_date" ? (
            <>
              <F form={form} name="config.field" label="Date field" options={CONTACT_DATE_FIELDS} />
              <F form={form} name="config.offsetDays" label="Days after (negative: before)" kind="number" />
            </>
          ) : (
            <F
              form={form}
              name="config.weekday"
              label="Weekday"
              kind="nullableNumber"
              options={[["", "Any day"], ...WEEKDAYS.map((d, i) => [String(i), d] as const)]}
            />
          )}
          <F form={form} name="config.time" label="Local time (customer's zone)" as="time" />
        </>
      );
    case "branch":
      return (
        <>
          <F
            form={form}
            name="config.condition.kind"
            label="Condition"
            options={[
              ["opened_previous_email", "Opened the previous email"],
              ["clicked_previous_email", "Clicked the previous email"],
              ["tag", "Has a tag"],
              ["field", "A customer field"],
              ["lifecycle", "Lifecycle stage"],
              ["score", "Lead score"],
              ["random", "Random split (A/B)"],
              ["criteria", "Matches conditions (like a segment)"],
            ]}
          />
          {condKind === "criteria" ? (
            <CriteriaField control={form.control} fields={fields} />
          ) : condKind === "tag" ? (
            <>
              <F form={form} name="config.condition.tag" label="Tag" />
              <F form={form} name="config.condition.has" label="Has the tag (unticked: lacks it)" kind="checkbox" />
            </>
          ) : condKind === "field" ? (
            <>
              <F form={form} name="config.condition.field" label="Field" options={CONDITION_FIELDS} />
              <F
                form={form}
                name="config.condition.op"
                label="Operator"
                options={[
                  ["eq", "is"],
                  ["neq", "is not"],
                  ["gt", "greater than"],
                  ["lt", "less than"],
                  ["contains", "contains"],
                  ["is_set", "is set"],
                ]}
              />
              <F form={form} name="config.condition.value" label="Value" kind="nullableText" />
            </>
          ) : condKind === "lifecycle" ? (
            <fieldset className="space-y-1">
              <legend className="text-sm font-medium text-slate-700">Stages</legend>
              {LIFECYCLE_STAGES.map((s) => (
                <label key={s} className="flex items-center gap-2 text-sm">
                  <input type="checkbox" value={s} {...form.register("config.condition.stages" as FieldPath<Values>)} />
                  {s}
                </label>
              ))}
              {errorAt(form, "config.condition.stages") ? (
                <p role="alert" className="text-xs text-red-700">
                  {errorAt(form, "config.condition.stages")}
                </p>
              ) : null}
            </fieldset>
          ) : condKind === "score" ? (
            <div className="grid grid-cols-2 gap-2">
              <F
                form={form}
                name="config.condition.op"
                label="Score is"
                options={[
                  ["gt", "above"],
                  ["lt", "below"],
                ]}
              />
              <F form={form} name="config.condition.value" label="Score" kind="number" />
            </div>
          ) : condKind === "random" ? (
            <F
              form={form}
              name="config.condition.percent"
              label="Arm A share (%)"
              kind="number"
              hint="The rest take arm B."
            />
          ) : null}
        </>
      );
    case "wait_for_event":
      return (
        <>
          <F form={form} name="config.event" label="Event" hint="e.g. crm/payment.succeeded" />
          <F form={form} name="config.timeoutHours" label="Time out after (hours)" kind="number" />
        </>
      );
    case "add_tag":
    case "remove_tag":
      return <F form={form} name="config.tag" label="Tag" />;
    case "update_field":
      return (
        <>
          <F form={form} name="config.field" label="Field" options={UPDATABLE_FIELDS} />
          <F form={form} name="config.value" label="New value (empty clears it)" kind="nullableText" />
        </>
      );
    case "create_discount":
      return (
        <>
          <F form={form} name="config.kind" label="Kind" options={DISCOUNT_KINDS} />
          <F form={form} name="config.value" label="Value (% or minor units)" kind="number" />
          <F form={form} name="config.validDays" label="Valid for (days, empty: no expiry)" kind="nullableNumber" />
          <F form={form} name="config.singleUse" label="Single use" kind="checkbox" />
        </>
      );
    case "notify_owner":
      return (
        <>
          <F form={form} name="config.title" label="Title" />
          <F form={form} name="config.body" label="Message" kind="textarea" />
          <F
            form={form}
            name="config.recipients"
            label="Who"
            options={[
              ["contact_owner", "The customer's owner"],
              ["org_owners", "Every owner"],
            ]}
          />
          <F form={form} name="config.email" label="Also by email" kind="checkbox" />
        </>
      );
    case "create_task":
      return (
        <>
          <F form={form} name="config.title" label="Task" />
          <F form={form} name="config.dueInDays" label="Due in (days)" kind="number" />
          <F
            form={form}
            name="config.assignee"
            label="Assignee"
            options={[
              ["contact_owner", "The customer's owner"],
              ["org_owner", "An owner"],
            ]}
          />
        </>
      );
    case "webhook":
      return <F form={form} name="config.url" label="URL" hint="https:// — the run is POSTed there, signed." />;
    case "exit":
      return <p className="text-sm text-slate-600">The run ends here.</p>;
  }
}

/**
 * A step's settings as a react-hook-form form validated by the server's own node schema
 * (graph.schema.ts). Applying stores the values in the draft even when incomplete; the errors
 * stay on the fields and as a badge on the node until fixed.
 */
export function NodeForm({
  node,
  templates,
  topics,
  fields,
  onApply,
  onClose,
}: {
  node: DraftNode;
  templates: EditorTemplate[];
  topics: Topic[];
  fields: FieldInfo[];
  onApply: (values: Pick<DraftNode, "config" | "label">) => void;
  onClose: () => void;
}) {
  const form = useForm<Values>({
    resolver: zodResolver(nodeSchema as never) as unknown as Resolver<Values>,
    defaultValues: node,
    mode: "onChange",
  });
  useEffect(() => {
    void form.trigger();
  }, [form]);
  const apply = () => {
    const v = form.getValues();
    onApply({ config: v.config, label: v.label || undefined });
    void form.trigger();
  };
  return (
    <form
      aria-label={`Settings of ${NODE_META[node.type].title} (${node.id})`}
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        apply();
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
      }}
    >
      <F form={form} name="label" label="Name on the canvas (optional)" />
      <ConfigFields form={form} templates={templates} topics={topics} fields={fields} />
      <div className="flex gap-2 pt-2">
        <button type="submit" className={STRONG}>
          Apply
        </button>
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </form>
  );
}
