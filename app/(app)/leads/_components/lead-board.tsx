"use client";

import { useEffect, useRef, useState } from "react";
import {
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type UniqueIdentifier,
} from "@dnd-kit/core";
import { columnKeyboardCoordinates, createColumnTracker } from "./keyboard-coordinates";
import type { Board } from "@/lib/leads/board";
import type { Person } from "@/lib/leads/people";
import type { EntryFields } from "@/lib/leads/lead.schema";
import type { UserActor } from "@/lib/context";
import { missingRequiredFields } from "@/lib/leads/required-fields";
import { canEditLead } from "@/lib/leads/can-edit";
import { Alert } from "@/components/ui/alert";
import { unwrapAction } from "@/components/forms/action-feedback";
import { quickAddAction, bulkMoveAction } from "@/app/(app)/leads/actions";
import { BoardColumn } from "./board-column";
import { neighboursAt } from "./board-cache";
import { RequiredFieldsDialog } from "./required-fields-dialog";
import { BulkBar } from "./bulk-bar";
import { LeadPanel } from "./lead-panel";
import { useBoard, type MoveVars } from "./use-board";
import { openerSelector, useOpenLead } from "./use-open-lead";
import { dropTarget, type DropPreview } from "./drop-target";

function announcements(board: Board): Announcements {
  const title = (id: UniqueIdentifier) =>
    board.columns.flatMap((c) => c.cards).find((c) => c.id === id)?.title ?? "the lead";
  const place = (over: { id: UniqueIdentifier; data: { current?: Record<string, unknown> } } | null) => {
    if (!over) return "no column";
    const stageId = (over.data.current?.stageId as string | undefined) ?? String(over.id).replace(/^column:/, "");
    return board.columns.find((c) => c.stage.id === stageId)?.stage.name ?? "a column";
  };
  return {
    onDragStart: ({ active }) =>
      `Picked up ${title(active.id)}. Use the arrow keys to move, Space to drop, Escape to cancel.`,
    onDragOver: ({ active, over }) => {
      const target = over ? dropTarget(board, String(active.id), over) : null;
      return target
        ? `${title(active.id)} is over ${place(over)}: it will land at position ${target.index + 1}.`
        : `${title(active.id)} is over ${place(over)}.`;
    },
    onDragEnd: ({ active, over }) => `${title(active.id)} was dropped in ${place(over)}.`,
    onDragCancel: ({ active }) => `Moving ${title(active.id)} was cancelled.`,
  };
}

type Pending = {
  vars: MoveVars;
  bulkIds?: string[];
  stageName: string;
  fields: ReturnType<typeof missingRequiredFields>;
};

export function LeadBoard({
  initial,
  query,
  currency,
  actor,
  canWrite,
  owners,
  canLogCustomer,
}: {
  initial: Board;
  query: string;
  currency: string;
  actor: UserActor;
  canWrite: boolean;
  owners: Person[];
  canLogCustomer: boolean;
}) {
  const { board, move, loadMore, loadingColumn, error, setError, refresh } = useBoard(initial, query);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const { openId, open, close } = useOpenLead();
  const [pending, setPending] = useState<Pending | null>(null);
  // Where the dragged card would land, shown in the target column while moving (keyboard or mouse).
  const [preview, setPreview] = useState<DropPreview | null>(null);
  // The card to give focus back to once the board has re-rendered it in its new place.
  const focusAfterMove = useRef<string | null>(null);
  useEffect(() => {
    const id = focusAfterMove.current;
    if (!id) return;
    const frame = requestAnimationFrame(() => {
      const card = document.querySelector<HTMLElement>(`[data-lead-id="${CSS.escape(id)}"]`);
      const target =
        card?.querySelector<HTMLElement>("[data-move-handle]") ?? card?.querySelector<HTMLElement>(openerSelector(id));
      target?.focus();
      // Not while a dialog (required fields) holds focus: try again when it closes.
      if (target && document.activeElement === target) focusAfterMove.current = null;
    });
    return () => cancelAnimationFrame(frame);
  }, [board, pending]);
  // Mutable across key presses of one drag, not render state (see keyboard-coordinates.ts).
  const [keyboardColumn] = useState(createColumnTracker);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: columnKeyboardCoordinates(() => board.columns.map((c) => c.stage.id), keyboardColumn),
    }),
  );
  const canDrag = (ownerId: string | null) => canEditLead(actor, { ownerId });

  async function runBulkMove(ids: string[], toStageId: string, fields: EntryFields = {}) {
    try {
      await unwrapAction(bulkMoveAction({ ids, toStageId, fields }));
      setSelected(new Set());
    } catch (err) {
      setError((err as Error).message);
    }
    await refresh();
  }

  function bulkMoveTo(toStageId: string) {
    const target = board.columns.find((c) => c.stage.id === toStageId);
    const ids = [...selected];
    if (!target || !ids.length) return;
    if (target.stage.requiredFields.length) {
      return setPending({
        vars: { leadId: ids[0]!, toStageId, index: 0, fields: {} },
        bulkIds: ids,
        stageName: target.stage.name,
        fields: target.stage.requiredFields,
      });
    }
    void runBulkMove(ids, toStageId);
  }

  function onDragOver({ active, over }: DragOverEvent) {
    setPreview(over ? dropTarget(board, String(active.id), over) : null);
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    setPreview(null);
    const leadId = String(active.id);
    if (!over) return;
    const found = dropTarget(board, leadId, over);
    if (!found) return;
    const { stageId: toStageId, index } = found;
    const target = board.columns.find((c) => c.stage.id === toStageId);
    const source = board.columns.find((c) => c.cards.some((x) => x.id === leadId));
    const card = source?.cards.find((x) => x.id === leadId);
    if (!target || !source || !card) return;
    if (source.stage.id === toStageId && source.cards.findIndex((c) => c.id === leadId) === index) return;
    // The card re-renders in its new column; dnd-kit's own focus restore cannot find it there.
    focusAfterMove.current = leadId;

    const bulkIds =
      selected.has(leadId) && selected.size > 1 && source.stage.id !== toStageId ? [...selected] : undefined;
    const vars: MoveVars = { leadId, toStageId, index, ...neighboursAt(board, leadId, toStageId, index), fields: {} };
    const missing =
      source.stage.id === toStageId
        ? []
        : bulkIds
          ? target.stage.requiredFields
          : missingRequiredFields(target.stage, card);
    if (missing.length) return setPending({ vars, bulkIds, stageName: target.stage.name, fields: missing });
    if (bulkIds) return void runBulkMove(bulkIds, toStageId);
    move.mutate(vars);
  }

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <div className="space-y-3">
      {error ? (
        <div className="flex items-start gap-2">
          <div className="flex-1">
            <Alert tone="error">{error}</Alert>
          </div>
          <button type="button" onClick={() => setError(null)} className="text-sm text-slate-600 underline">
            Dismiss
          </button>
        </div>
      ) : null}
      {canWrite && selected.size > 0 ? (
        <BulkBar
          ids={[...selected]}
          stages={board.columns.map((c) => c.stage)}
          owners={owners}
          onMove={bulkMoveTo}
          onDone={() => {
            setSelected(new Set());
            void refresh();
          }}
          onClear={() => setSelected(new Set())}
          onError={setError}
        />
      ) : null}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={() => keyboardColumn.set(null)}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => setPreview(null)}
        accessibility={{ announcements: announcements(board) }}
      >
        <div
          id="board"
          tabIndex={-1}
          role="region"
          aria-label="Lead board"
          className="relative -mx-4 flex gap-2 overflow-x-auto px-4 pb-4 focus:outline-none"
          data-testid="board"
        >
          {board.columns.map((column) => (
            <BoardColumn
              key={column.stage.id}
              column={column}
              currency={currency}
              disqualifyScore={board.disqualifyScore}
              canWrite={canWrite}
              canDrag={canDrag}
              selected={selected}
              preview={preview?.stageId === column.stage.id ? preview : null}
              loadingMore={loadingColumn === column.stage.id}
              onOpen={open}
              onToggle={toggle}
              onLoadMore={() => void loadMore(column.stage.id)}
              onQuickAdd={async (title) => {
                try {
                  await unwrapAction(quickAddAction({ title, stageId: column.stage.id }));
                } catch (err) {
                  return (err as Error).message;
                }
                await refresh();
                return null;
              }}
            />
          ))}
        </div>
      </DndContext>
      {pending ? (
        <RequiredFieldsDialog
          stageName={pending.stageName}
          fields={pending.fields}
          lostReasons={board.lostReasons}
          onCancel={() => setPending(null)}
          onSubmit={(fields) => {
            const p = pending;
            setPending(null);
            if (p.bulkIds) void runBulkMove(p.bulkIds, p.vars.toStageId, fields);
            else move.mutate({ ...p.vars, fields });
          }}
        />
      ) : null}
      {openId ? (
        <LeadPanel
          id={openId}
          stages={board.columns.map((c) => c.stage)}
          owners={owners}
          lostReasons={board.lostReasons}
          currency={currency}
          canWrite={canWrite}
          canLogCustomer={canLogCustomer}
          onClose={close}
          onChanged={() => void refresh()}
        />
      ) : null}
    </div>
  );
}
