import type { Board, Card } from "@/lib/leads/board";

/** The optimistic move: the card leaves its column and lands at `index` of the target, totals follow. */
export function moveCardInBoard(
  board: Board,
  cardId: string,
  toStageId: string,
  index: number,
  patch: Partial<Card> = {},
): Board {
  const from = board.columns.find((c) => c.cards.some((x) => x.id === cardId));
  const card = from?.cards.find((x) => x.id === cardId);
  if (!from || !card) return board;
  const moved: Card = { ...card, ...patch, stageId: toStageId };
  return {
    ...board,
    columns: board.columns.map((col) => {
      let cards = col.cards.filter((x) => x.id !== cardId);
      let totals = col.totals;
      if (col.stage.id === from.stage.id && col.stage.id !== toStageId) {
        totals = adjust(totals, -1, -card.value, col.stage.probability);
      }
      if (col.stage.id === toStageId) {
        cards = [...cards.slice(0, index), moved, ...cards.slice(index)];
        if (from.stage.id !== toStageId) totals = adjust(totals, 1, moved.value, col.stage.probability);
        else if (moved.value !== card.value)
          totals = adjust(totals, 0, moved.value - card.value, col.stage.probability);
      }
      return { ...col, cards, totals };
    }),
  };
}

function adjust(t: Board["columns"][number]["totals"], count: number, value: number, probability: number) {
  return {
    count: t.count + count,
    total: t.total + value,
    weighted: Math.round(t.weighted + (value * probability) / 100),
  };
}

/** The neighbours of position `index` in the target column once the card has left its old place. */
export function neighboursAt(
  board: Board,
  cardId: string,
  toStageId: string,
  index: number,
): { afterId: string | null; beforeId: string | null } {
  const col = board.columns.find((c) => c.stage.id === toStageId);
  const cards = (col?.cards ?? []).filter((c) => c.id !== cardId);
  return { afterId: cards[index - 1]?.id ?? null, beforeId: cards[index]?.id ?? null };
}
