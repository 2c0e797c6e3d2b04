"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useAction } from "@/components/forms/use-action";
import { saveSegmentAction } from "@/app/(app)/segments/actions";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/** A hand-picked segment starts empty: customers are added from the customer list or a CSV of emails. */
export function NewStaticSegment() {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const { run, pending, error } = useAction(saveSegmentAction, {
    onSuccess: ({ id }) => router.push(`/segments/${id}`),
  });
  if (!open)
    return (
      <Button variant="secondary" onClick={() => setOpen(true)}>
        New hand-picked segment
      </Button>
    );
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        void run({ id: null, segment: { name, kind: "static" } });
      }}
    >
      <Input
        aria-label="Hand-picked segment name"
        placeholder="Name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        className="w-56 py-1.5"
        autoFocus
      />
      <Button type="submit" disabled={pending}>
        Create
      </Button>
      <Button variant="ghost" onClick={() => setOpen(false)}>
        Cancel
      </Button>
      {error ? (
        <p role="alert" className="w-full text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
