"use client";

import { useState } from "react";
import { useDroppable } from "@dnd-kit/core";
import { SortableContext, verticalListSortingStrategy } from "@dnd-kit/sortable";
import type { Column } from "@/lib/leads/board";
import { LeadCard, type CardContext } from "./lead-card";
import { Money } from "@/components/ui/when";
import type { DropPreview } from "./drop-target";

type Props = {
  column: Column;
  currency: string;
  disqualifyScore: number;
  canWrite: boolean;
  canDrag: (ownerId: string | null) => boolean;
  selected: Set<string>;
  /** Where a card being moved would land in this column, if it is the target. */
  preview: DropPreview | null;
  loadingMore: boolean;
  onOpen: (id: string) => void;
  onToggle: (id: string) => void;
  onLoadMore: () => void;
  onQuickAdd: (title: string) => Promise<string | null>;
};

export function BoardColumn({
  column,
  currency,
  disqualifyScore,
  canWrite,
  canDrag,
  selected,
  preview,
  loadingMore,
  onOpen,
  onToggle,
  onLoadMore,
  onQuickAdd,
}: Props) {
  const { stage, totals, cards } = column;
  const { setNodeRef, isOver } = useDroppable({ id: `column:${stage.id}`, data: { stageId: stage.id } });
  const overWip = stage.wipLimit !== null && totals.count > stage.wipLimit;
  const headingId = `col-${stage.id}`;
  // Within its own column the sortable list already makes room; elsewhere, show the landing spot.
  const showPreview = preview !== null && preview.fromStageId !== stage.id;
  return (
    <section
      aria-labelledby={headingId}
      data-testid="board-column"
      data-stage={stage.name}
      className="flex min-w-44 flex-1 basis-0 flex-col rounded-lg bg-slate-100/80"
    >
      <header className="space-y-0.5 px-3 pt-3">
        <div className="flex items-center justify-between gap-2">
          <h2 id={headingId} className="font-semibold text-slate-800">
            {stage.name}
          </h2>
          <span
            data-testid="column-count"
            className={`rounded-full px-2 text-xs ${overWip ? "bg-red-100 text-red-800" : "bg-white text-slate-600"}`}
          >
            {totals.count}
            {stage.wipLimit !== null ? ` / ${stage.wipLimit}` : ""}
          </span>
        </div>
        <p className="text-xs text-slate-600">
          <span data-testid="column-total">
            <Money minor={totals.total} currency={currency} />
          </span>{" "}
          · weighted{" "}
          <span data-testid="column-weighted">
            <Money minor={totals.weighted} currency={currency} />
          </span>{" "}
          ({stage.probability}%)
        </p>
        {overWip ? (
          <p role="status" className="text-xs font-medium text-red-700">
            Over the WIP limit of {stage.wipLimit}
          </p>
        ) : null}
      </header>
      {canWrite ? <QuickAdd stageName={stage.name} onAdd={onQuickAdd} /> : null}
      <SortableContext id={stage.id} items={cards.map((c) => c.id)} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className={`min-h-24 flex-1 space-y-2 p-2 ${isOver ? "bg-brand-600/5" : ""}`}>
          {cards.map((card, i) => {
            const ctx: CardContext = {
              currency,
              rottingDays: stage.rottingDays,
              disqualifyScore,
              canDrag: canDrag(card.ownerId),
              selected: selected.has(card.id),
            };
            const item = <LeadCard key={card.id} card={card} ctx={ctx} onOpen={onOpen} onToggle={onToggle} />;
            return showPreview && preview.index === i
              ? [<LandingSpot key="landing" title={preview.title} />, item]
              : item;
          })}
          {showPreview && preview.index >= cards.length ? <LandingSpot title={preview.title} /> : null}
          {cards.length === 0 && !showPreview ? (
            <li className="px-1 py-6 text-center text-xs text-slate-600">No leads here</li>
          ) : null}
        </ul>
      </SortableContext>
      {column.hasMore ? (
        <button
          type="button"
          onClick={onLoadMore}
          disabled={loadingMore}
          className="m-2 mt-0 rounded-md py-1.5 text-sm text-brand-700 hover:bg-white disabled:text-slate-400"
        >
          {loadingMore ? "Loading…" : `Load more (${totals.count - cards.length} left)`}
        </button>
      ) : null}
    </section>
  );
}

function QuickAdd({ stageName, onAdd }: { stageName: string; onAdd: (title: string) => Promise<string | null> }) {
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="px-2 pt-2"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!title.trim()) return setError("Title: enter what is being sold");
        setBusy(true);
        const problem = await onAdd(title.trim());
        setBusy(false);
        setError(problem);
        if (!problem) setTitle("");
      }}
    >
      <label className="sr-only" htmlFor={`quick-${stageName}`}>
        Quick add to {stageName}
      </label>
      <input
        id={`quick-${stageName}`}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        disabled={busy}
        placeholder="+ Add a lead"
        className="w-full rounded-md border border-transparent bg-white/70 px-2 py-1.5 text-sm placeholder:text-slate-500 focus:border-brand-600 focus:bg-white"
      />
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function LandingSpot({ title }: { title: string }) {
  return (
    <li
      data-testid="drop-preview"
      className="rounded-md border-2 border-dashed border-brand-600 bg-white/80 p-2.5 text-sm text-slate-700"
    >
      <span className="sr-only">Lands here: </span>
      {title}
    </li>
  );
}
