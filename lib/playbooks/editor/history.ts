import type { DraftGraph } from "./graph-ops";

/**
 * Undo/redo as a pure reducer over whole graphs (they are small and immutable, so a step is one
 * reference). `commit` records a step; `replace` changes the present without one (a node drag in
 * progress, a draft loaded from the server); `undo`/`redo` move through at most `limit` steps.
 */
export const HISTORY_LIMIT = 200;

export type History = { past: DraftGraph[]; present: DraftGraph; future: DraftGraph[] };

export type HistoryAction =
  /** `from`: the state the step started at, when the present was replaced meanwhile (a drag). */
  | { type: "commit"; graph: DraftGraph; from?: DraftGraph }
  | { type: "replace"; graph: DraftGraph }
  | { type: "reset"; graph: DraftGraph }
  | { type: "undo" }
  | { type: "redo" };

export function initHistory(graph: DraftGraph): History {
  return { past: [], present: graph, future: [] };
}

export function historyReducer(h: History, a: HistoryAction, limit = HISTORY_LIMIT): History {
  switch (a.type) {
    case "commit":
      if (a.graph === (a.from ?? h.present)) return h;
      return { past: [...h.past, a.from ?? h.present].slice(-limit), present: a.graph, future: [] };
    case "replace":
      return { ...h, present: a.graph };
    case "reset":
      return initHistory(a.graph);
    case "undo": {
      const prev = h.past.at(-1);
      if (!prev) return h;
      return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future] };
    }
    case "redo": {
      const [next, ...rest] = h.future;
      if (!next) return h;
      return { past: [...h.past, h.present], present: next, future: rest };
    }
  }
}

export const canUndo = (h: History) => h.past.length > 0;
export const canRedo = (h: History) => h.future.length > 0;
