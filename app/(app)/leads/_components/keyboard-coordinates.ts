import type { KeyboardCoordinateGetter } from "@dnd-kit/core";
import { sortableKeyboardCoordinates } from "@dnd-kit/sortable";

/**
 * Left/Right jump to the top of the previous/next column in stage order, even one scrolled out
 * of view; Up/Down move within a column as dnd-kit's sortable does. The column reached is kept
 * in `column` (reset when a drag starts), because `over` lags a fast second key press.
 */
export type ColumnTracker = { get: () => string | null; set: (id: string | null) => void };

export function createColumnTracker(): ColumnTracker {
  let current: string | null = null;
  return { get: () => current, set: (id) => void (current = id) };
}

export function columnKeyboardCoordinates(stageIds: () => string[], column: ColumnTracker): KeyboardCoordinateGetter {
  return (event, args) => {
    const step = event.code === "ArrowRight" ? 1 : event.code === "ArrowLeft" ? -1 : 0;
    if (!step) return sortableKeyboardCoordinates(event, args);
    const { active, droppableContainers } = args.context;
    const order = stageIds();
    const current = column.get() ?? (active?.data.current?.stageId as string | undefined);
    const target = order[order.indexOf(current ?? "") + step];
    const node = target ? droppableContainers.get(`column:${target}`)?.node.current : null;
    event.preventDefault();
    if (!target || !node) return undefined;
    column.set(target);
    node.scrollIntoView({ block: "nearest", inline: "nearest" });
    const rect = node.getBoundingClientRect();
    return { x: rect.left + 4, y: rect.top + 4 };
  };
}
