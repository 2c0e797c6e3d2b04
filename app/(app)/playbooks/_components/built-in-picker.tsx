"use client";

import { useRouter } from "next/navigation";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { createFromBuiltInAction } from "../actions";

/** A new draft playbook from one of the six built-ins: its trigger, settings, steps and templates. */
export function BuiltInPicker({ builtIns }: { builtIns: { key: string; name: string; description: string }[] }) {
  const router = useRouter();
  const { run, pending, error } = useAction(createFromBuiltInAction, {
    onSuccess: (d) => router.push(`/playbooks/${d.id}/edit`),
  });
  return (
    <div>
      <ul className="grid gap-2 sm:grid-cols-2" aria-label="Built-in playbooks">
        {builtIns.map((b) => (
          <li key={b.key} className="flex flex-col gap-2 rounded-md border border-slate-200 p-3">
            <span className="text-sm font-medium text-slate-900">{b.name}</span>
            <span className="flex-1 text-xs text-slate-600">{b.description}</span>
            <span>
              <Button
                variant="secondary"
                disabled={pending}
                aria-label={`Start from ${b.name}`}
                onClick={() => void run({ key: b.key })}
              >
                Start from this
              </Button>
            </span>
          </li>
        ))}
      </ul>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
