"use client";

import { useRouter } from "next/navigation";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { duplicatePlaybookAction } from "../actions";

/** Makes "Copy of …" as a draft and opens it in the editor. */
export function DuplicateButton({ playbookId, name }: { playbookId: string; name: string }) {
  const router = useRouter();
  const { run, pending, error } = useAction(duplicatePlaybookAction, {
    onSuccess: (d) => router.push(`/playbooks/${d.id}/edit`),
  });
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        aria-label={`Duplicate ${name}`}
        disabled={pending}
        onClick={() => void run({ playbookId })}
      >
        {pending ? "Copying…" : "Duplicate"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
