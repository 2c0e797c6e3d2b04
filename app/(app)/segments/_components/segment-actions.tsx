"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useActions } from "@/components/forms/use-action";
import { deleteSegmentAction, duplicateSegmentAction } from "@/app/(app)/segments/actions";
import { Button, buttonClasses } from "@/components/ui/button";
import { Alert } from "@/components/ui/alert";

export function SegmentActions({ id, name, canExport }: { id: string; name: string; canExport: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const { run, pending, error } = useActions();
  const duplicate = () =>
    void run(() => duplicateSegmentAction({ id }), { onSuccess: (copy) => router.push(`/segments/${copy.id}`) });
  const remove = () =>
    void run(() => deleteSegmentAction({ id }), { onSuccess: () => router.push("/segments") }).then(() =>
      setConfirming(false),
    );
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {canExport ? (
          <a href={`/segments/${id}/export`} className={buttonClasses("secondary")} download>
            Export members CSV
          </a>
        ) : null}
        <Button variant="secondary" disabled={pending} onClick={duplicate}>
          Duplicate
        </Button>
        {confirming ? (
          <>
            <Button variant="danger" disabled={pending} onClick={remove}>
              Delete “{name}”
            </Button>
            <Button variant="ghost" onClick={() => setConfirming(false)}>
              Keep it
            </Button>
          </>
        ) : (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            Delete
          </Button>
        )}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
