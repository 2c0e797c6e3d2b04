"use client";

import { useState } from "react";
import type { Stage } from "@/lib/leads/pipeline";
import type { Person } from "@/lib/leads/people";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import type { ActionResult } from "@/lib/action-result";
import { unwrapAction } from "@/components/forms/action-feedback";
import { assignLeadsAction, deleteLeadsAction } from "@/app/(app)/leads/actions";

/**
 * Bulk assign, move and delete. Moving and deleting ask first (a move touches every selected lead's
 * stage history); the board then asks for any required fields. Shown only to roles that edit leads.
 */
export function BulkBar({
  ids,
  stages,
  owners,
  onMove,
  onDone,
  onClear,
  onError,
}: {
  ids: string[];
  stages: Stage[];
  owners: Person[];
  onMove: (stageId: string) => void;
  onDone: () => void;
  onClear: () => void;
  onError: (m: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [moveTo, setMoveTo] = useState("");
  const moveStage = stages.find((st) => st.id === moveTo);
  const count = `${ids.length} lead${ids.length === 1 ? "" : "s"}`;
  const [busy, setBusy] = useState(false);
  async function run(action: Promise<ActionResult<number>>) {
    setBusy(true);
    try {
      await unwrapAction(action);
      onDone();
    } catch (err) {
      onError((err as Error).message);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }
  return (
    <div
      role="region"
      aria-label="Bulk actions"
      className="flex flex-wrap items-center gap-2 rounded-md border border-brand-600/30 bg-white p-2 text-sm"
    >
      <span className="font-medium">{ids.length} selected</span>
      <label className="sr-only" htmlFor="bulk-owner">
        Assign selected to
      </label>
      <Select
        id="bulk-owner"
        className="w-auto"
        defaultValue=""
        disabled={busy}
        onChange={(e) =>
          e.target.value &&
          void run(assignLeadsAction({ ids, ownerId: e.target.value === "none" ? "" : e.target.value }))
        }
      >
        <option value="">Assign to…</option>
        <option value="none">Unassigned</option>
        {owners.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </Select>
      <label className="sr-only" htmlFor="bulk-stage">
        Move selected to
      </label>
      <Select
        id="bulk-stage"
        className="w-auto"
        value={moveTo}
        disabled={busy}
        onChange={(e) => setMoveTo(e.target.value)}
      >
        <option value="">Move to…</option>
        {stages.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </Select>
      {moveStage ? (
        <span role="alertdialog" aria-label="Confirm move" className="flex items-center gap-2">
          Move {count} to {moveStage.name}?
          <Button
            disabled={busy}
            onClick={() => {
              setMoveTo("");
              onMove(moveStage.id);
            }}
          >
            Yes, move
          </Button>
          <Button variant="secondary" onClick={() => setMoveTo("")}>
            Cancel
          </Button>
        </span>
      ) : null}
      {confirming ? (
        <span role="alertdialog" aria-label="Confirm delete" className="flex items-center gap-2">
          Delete {count} for good?
          <Button variant="danger" disabled={busy} onClick={() => void run(deleteLeadsAction({ ids }))}>
            Yes, delete
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            Keep them
          </Button>
        </span>
      ) : (
        <Button variant="danger" disabled={busy} onClick={() => setConfirming(true)}>
          Delete…
        </Button>
      )}
      <Button variant="ghost" onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}
