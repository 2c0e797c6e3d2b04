"use client";

import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { Button } from "@/components/ui/button";
import { mergeAction } from "../duplicates/actions";

type Person = { id: string; name: string };

/** Merging deletes one profile, so it asks first and says which one survives. */
export function MergeButtons({ a, b }: { a: Person; b: Person }) {
  const [choice, setChoice] = useState<{ keep: Person; merge: Person } | null>(null);
  const { run, pending, error } = useAction(mergeAction, { onSuccess: () => setChoice(null) });
  if (choice) {
    return (
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span>
          Keep <strong>{choice.keep.name}</strong> and fold <strong>{choice.merge.name}</strong> into it? This cannot be
          undone.
        </span>
        <Button
          variant="danger"
          disabled={pending}
          onClick={() => run({ keepId: choice.keep.id, mergeId: choice.merge.id })}
        >
          Merge
        </Button>
        <Button variant="ghost" onClick={() => setChoice(null)}>
          Cancel
        </Button>
        {error ? (
          <span role="alert" className="text-red-700">
            {error}
          </span>
        ) : null}
      </div>
    );
  }
  return (
    <div className="flex flex-wrap gap-2">
      <Button variant="secondary" onClick={() => setChoice({ keep: a, merge: b })}>
        Keep left
      </Button>
      <Button variant="secondary" onClick={() => setChoice({ keep: b, merge: a })}>
        Keep right
      </Button>
    </div>
  );
}
