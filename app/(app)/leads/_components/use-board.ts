"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Board } from "@/lib/leads/board";
import type { MoveLeadInput } from "@/lib/leads/lead.schema";
import { unwrapAction } from "@/components/forms/action-feedback";
import { boardAction, columnPageAction, moveLeadAction } from "@/app/(app)/leads/actions";
import { moveCardInBoard } from "./board-cache";

export type MoveVars = MoveLeadInput & { index: number };

/** The board in the TanStack Query cache: optimistic moves with rollback, pages appended per column. */
export function useBoard(initial: Board, query: string) {
  const client = useQueryClient();
  const key = ["board", query];
  const board = useQuery({
    queryKey: key,
    queryFn: () => unwrapAction(boardAction({ query })),
    initialData: initial,
  }).data;
  const [error, setError] = useState<string | null>(null);
  const [loadingColumn, setLoadingColumn] = useState<string | null>(null);

  const move = useMutation({
    mutationFn: (vars: MoveVars) =>
      unwrapAction(
        moveLeadAction({
          leadId: vars.leadId,
          toStageId: vars.toStageId,
          afterId: vars.afterId,
          beforeId: vars.beforeId,
          fields: vars.fields,
        }),
      ),
    onMutate: async (vars) => {
      setError(null);
      await client.cancelQueries({ queryKey: key });
      const previous = client.getQueryData<Board>(key);
      if (previous) client.setQueryData<Board>(key, moveCardInBoard(previous, vars.leadId, vars.toStageId, vars.index));
      return { previous };
    },
    onError: (err, _vars, context) => {
      if (context?.previous) client.setQueryData(key, context.previous);
      setError(`The card went back: ${err.message}`);
    },
    onSuccess: (moved) => {
      client.setQueryData<Board>(
        key,
        (b) =>
          b && {
            ...b,
            columns: b.columns.map((c) => ({
              ...c,
              cards: c.cards.map((x) => (x.id === moved.id ? { ...x, rank: moved.rank, status: moved.status } : x)),
            })),
          },
      );
    },
    onSettled: () => client.invalidateQueries({ queryKey: ["lead"] }),
  });

  async function loadMore(stageId: string) {
    const col = board.columns.find((c) => c.stage.id === stageId);
    if (!col) return;
    setLoadingColumn(stageId);
    try {
      const page = await unwrapAction(columnPageAction({ stageId, query, afterRank: col.cards.at(-1)?.rank ?? null }));
      client.setQueryData<Board>(
        key,
        (b) =>
          b && {
            ...b,
            columns: b.columns.map((c) =>
              c.stage.id === stageId
                ? {
                    ...c,
                    cards: [...c.cards, ...page.cards.filter((n) => !c.cards.some((o) => o.id === n.id))],
                    hasMore: page.hasMore,
                  }
                : c,
            ),
          },
      );
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setLoadingColumn(null);
    }
  }

  const refresh = () => client.invalidateQueries({ queryKey: ["board"] });
  return { board, move, loadMore, loadingColumn, error, setError, refresh };
}
