"use client";

import { useSortable } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import type { Card } from "@/lib/leads/board";
import { useFormat } from "@/components/providers/format-provider";

const DAY_MS = 86_400_000;
/** Whole days since the card entered its stage (a count for the rotting flag, not a date shown). */
const daysInStage = (enteredAt: string | Date) => Math.floor((Date.now() - new Date(enteredAt).getTime()) / DAY_MS);

export type CardContext = {
  currency: string;
  rottingDays: number | null;
  disqualifyScore: number;
  canDrag: boolean;
  selected: boolean;
};

export function LeadCard({
  card,
  ctx,
  onOpen,
  onToggle,
}: {
  card: Card;
  ctx: CardContext;
  onOpen: (id: string) => void;
  onToggle: (id: string) => void;
}) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({
    id: card.id,
    data: { stageId: card.stageId },
    disabled: !ctx.canDrag,
  });
  const format = useFormat();
  const sat = daysInStage(card.stageEnteredAt);
  const rotting = ctx.rottingDays !== null && card.status === "open" && sat > ctx.rottingDays;
  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid="lead-card"
      data-lead-id={card.id}
      data-has-customer={card.contactId ? "yes" : "no"}
      className={`rounded-md border bg-white p-2.5 text-sm shadow-xs ${isDragging ? "opacity-50" : ""} ${ctx.selected ? "border-brand-600 ring-1 ring-brand-600" : "border-slate-200"}`}
    >
      <div className="flex items-start gap-2">
        {ctx.canDrag ? (
          <button
            type="button"
            ref={setActivatorNodeRef}
            {...attributes}
            {...listeners}
            data-move-handle
            aria-label={`Move ${card.title}`}
            className="mt-0.5 cursor-grab touch-none rounded px-0.5 text-slate-500 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            ⠿
          </button>
        ) : null}
        <div className="min-w-0 flex-1">
          <button
            type="button"
            onClick={() => onOpen(card.id)}
            data-lead-opener={card.id}
            className="block w-full truncate text-left font-medium text-slate-900 hover:underline"
          >
            {card.title}
          </button>
          {card.company ? <p className="truncate text-xs text-slate-500">{card.company}</p> : null}
          <div className="mt-1.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs">
            <span className="font-medium text-slate-700">{format.money(card.value, { currency: ctx.currency })}</span>
            <span
              title="Lead score"
              className={`rounded px-1 ${card.score < ctx.disqualifyScore ? "bg-amber-100 text-amber-800" : "bg-slate-100 text-slate-700"}`}
            >
              {card.score}
              {card.score < ctx.disqualifyScore ? " · low" : ""}
            </span>
            <span className="truncate text-slate-500">{card.ownerName ?? "Unassigned"}</span>
            {rotting ? <span className="rounded bg-red-50 px-1 text-red-700">{sat} days in stage</span> : null}
          </div>
        </div>
        {ctx.canDrag ? (
          <input
            type="checkbox"
            checked={ctx.selected}
            onChange={() => onToggle(card.id)}
            aria-label={`Select ${card.title}`}
            className="mt-1 size-4 accent-brand-600"
          />
        ) : null}
      </div>
    </li>
  );
}
