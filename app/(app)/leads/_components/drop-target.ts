import type { UniqueIdentifier } from "@dnd-kit/core";
import type { Board } from "@/lib/leads/board";

/** Where a dragged card lands: a column and its position among the other cards there. */
export type DropPreview = { stageId: string; index: number; leadId: string; title: string; fromStageId: string };

type Over = { id: UniqueIdentifier; data: { current?: Record<string, unknown> } };

/** The column and index a drop over `over` (a card or a column) would give the card. */
export function dropTarget(board: Board, leadId: string, over: Over): DropPreview | null {
  const stageId = (over.data.current?.stageId as string | undefined) ?? String(over.id).replace(/^column:/, "");
  const target = board.columns.find((c) => c.stage.id === stageId);
  const source = board.columns.find((c) => c.cards.some((x) => x.id === leadId));
  const card = source?.cards.find((x) => x.id === leadId);
  if (!target || !source || !card) return null;
  const overIndex = target.cards.findIndex((c) => c.id === over.id);
  const index = overIndex >= 0 ? overIndex : target.cards.filter((c) => c.id !== leadId).length;
  return { stageId, index, leadId, title: card.title, fromStageId: source.stage.id };
}
