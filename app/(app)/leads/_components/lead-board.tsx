"use client";

import { useState } from "react";
import {
  closestCorners,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
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
    onDragOver: ({ active, over }) => `${title(active.id)} is over ${place(over)}.`,
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
}: {
  initial: Board;
  query: string;
  currency: string;
  actor: UserActor;
  canWrite: boolean;
  owners: Person[];
}) {
  const { board, move, loadMore, loadingColumn, error, setError, refresh } = useBoard(initial, query);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [openId, setOpenId] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
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

  function onDragEnd({ active, over }: DragEndEvent) {
    if (!over) return;
    const leadId = String(active.id);
    const toStageId = (over.data.current?.stageId as string | undefined) ?? String(over.id).replace(/^column:/, "");
    const target = board.columns.find((c) => c.stage.id === toStageId);
    const source = board.columns.find((c) => c.cards.some((x) => x.id === leadId));
    const card = source?.cards.find((x) => x.id === leadId);
    if (!target || !source || !card) return;
    const overIndex = target.cards.findIndex((c) => c.id === over.id);
    const index = overIndex >= 0 ? overIndex : target.cards.filter((c) => c.id !== leadId).length;
    if (source.stage.id === toStageId && source.cards.findIndex((c) => c.id === leadId) === index) return;

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
      {selected.size > 0 ? (
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
        onDragEnd={onDragEnd}
        accessibility={{ announcements: announcements(board) }}
      >
        <div className="relative -mx-4 flex gap-3 overflow-x-auto px-4 pb-4" data-testid="board">
          {board.columns.map((column) => (
            <BoardColumn
              key={column.stage.id}
              column={column}
              currency={currency}
              disqualifyScore={board.disqualifyScore}
              canWrite={canWrite}
              canDrag={canDrag}
              selected={selected}
              loadingMore={loadingColumn === column.stage.id}
              onOpen={setOpenId}
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
          currency={currency}
          onClose={() => setOpenId(null)}
          onChanged={() => void refresh()}
        />
      ) : null}
    </div>
  );
}
